#!/usr/bin/env node
// The published command. The harness is TypeScript run by tsx, so there is no build step between
// a checkout and a working `npx connect-harness`. tsx is registered in this process: no child is
// spawned, so SIGINT and SIGTERM sent to this process reach the command itself. npm (npx, npm
// start) does not pass them on from its own process, so the command also watches the npm that
// started it and stops as on SIGTERM when that npm is gone (harness/platform/orphan-guard.ts).
import { register } from 'tsx/esm/api';

// The pinned SDK runs on Node 20; its notice is about SDK versions yet to come, not this one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { guardAgainstOrphaning } = await import('../harness/platform/orphan-guard.ts');
guardAgainstOrphaning();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
