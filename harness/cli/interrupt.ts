import type { CommandIo } from './command.ts';
import type { Target } from '../targets/target.ts';

/**
 * Ctrl-C during a run: stop sending, stop every contact the run started, then exit. A second Ctrl-C
 * exits at once and says which contacts may still be active.
 */
export function stopOnInterrupt(target: Target, io: CommandIo, controller: AbortController): () => void {
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      io.stderr(`\n${signal}: stopping; ending the contacts this run started (Ctrl-C again to quit now)\n`);
      controller.abort(`interrupted by ${signal}`);
      target.interrupt(`interrupted by ${signal}`);
      return;
    }
    const left = target.startedContacts();
    io.stderr(`${signal} again: quitting.${left.length ? ` Contacts possibly still active: ${left.join(' ')}` : ''}\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
