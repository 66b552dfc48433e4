#!/usr/bin/env node
// The published command. The harness is TypeScript run by tsx, so there is no build step between
// a checkout and a working `npx connect-harness`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
