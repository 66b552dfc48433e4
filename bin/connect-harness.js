#!/usr/bin/env node
// The published command. The harness is TypeScript, loaded through module hooks that transform each
// file as it is imported (register-typescript.js, typescript-hooks.js), so there is no build step
// between a checkout and a working `npx connect-harness`. The hooks are registered in this process:
// no child is spawned, so SIGINT and SIGTERM sent to this process reach the command itself. npm
// (npx, npm start) does not pass them on from its own process, so the command also watches the npm
// that started it and stops as on SIGTERM when that npm is gone (harness/platform/orphan-guard.ts).
import './register-typescript.js';

// The pinned SDK runs on Node 20; its notice is about SDK versions yet to come, not this one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { guardAgainstOrphaning } = await import('../harness/platform/orphan-guard.ts');
guardAgainstOrphaning();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
