// `npm run stack` (harness/cli/stack.ts): the compose stack without Docker, until Ctrl-C.
//
//   npm run stack -- [--port 4599] [--quotas unlimited|aws-default] [--test-id local] [--help] [--version]
import { guardAgainstOrphaning } from '../platform/orphan-guard.ts';
import { runStack } from './stack.ts';

// npm and its shell stand between a terminal and this process; if they are killed, stop as on SIGTERM.
// (package.json runs this file with `node --import ./bin/register-typescript.js`, as the published command
// loads its TypeScript, not with the tsx launcher: one process, which the signals reach, instead of a
// launcher that SIGKILLs its child when a relayed signal goes unanswered.)
guardAgainstOrphaning({ name: 'stack' });
// `on`, not `once`: a terminal's Ctrl-C reaches npm's whole process group and can arrive twice, and a second one
// without a listener would kill the process halfway through stopping the services.
const stopped = new Promise<void>((resolve) => {
  process.on('SIGINT', () => resolve());
  process.on('SIGTERM', () => resolve());
});
process.exitCode = await runStack(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, stopped);
// Whatever a stopped service left open (a client socket closing slowly) must not hold the exit.
process.exit();
