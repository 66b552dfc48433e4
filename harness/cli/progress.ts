import type { CommandIo } from './command.ts';

/** A one-line progress display on a terminal; nothing at all when output is not a terminal. */
export function progressPrinter(io: CommandIo): { update: (label: string, done: number, planned: number) => void; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(label, done, planned) {
      if (!io.interactive) return;
      const now = Date.now();
      if (now - last < 100 && done < planned) return; // a terminal does not need 1,000 redraws a second
      last = now;
      shown = true;
      io.stderr(`\r\x1b[K  ${label} ${done}/${planned}`);
    },
    clear() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}
