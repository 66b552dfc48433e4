#!/usr/bin/env node
// The published command. The harness is TypeScript run by tsx, so there is no build step between
// a checkout and a working `npx connect-harness`.
import { register } from 'tsx/esm/api';

// The pinned SDK runs on Node 20; its notice is about SDK versions yet to come, not this one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
