// Progress of a long run. On a terminal: one line redrawn in place. Elsewhere (CI logs): a line
// when each check starts and ends, and a heartbeat at most every 30 s with cases sent, failing cases
// so far and the rate, so that a log shows a run is alive without a line per case.
import type { CheckResult } from '../conformance/check.ts';
import type { CommandIo } from './command.ts';

export const HEARTBEAT_MS = 30_000;

export interface Progress {
  start(check: string): void;
  update(check: string, done: number, planned: number, failing?: number): void;
  done(result: CheckResult): void;
  clear(): void;
}

export function progressPrinter(io: CommandIo, options: { prefix?: string; heartbeatMs?: number; now?: () => number } = {}): Progress {
  const prefix = options.prefix ?? 'conformance';
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const now = options.now ?? (() => performance.now());
  let lastDraw = 0;
  let shown = false;
  let checkStarted = 0;
  let lastLine = 0;
  const clear = () => {
    if (shown) io.stderr('\r\x1b[K');
    shown = false;
  };
  const failingText = (failing: number) => (failing ? `, ${failing} failing` : '');
  return {
    start(check) {
      checkStarted = lastLine = now();
      if (!io.interactive) io.stderr(`${prefix}: ${check} started\n`);
    },
    update(check, done, planned, failing = 0) {
      const t = now();
      if (io.interactive) {
        if (t - lastDraw < 100 && done < planned) return; // a terminal does not need 1,000 redraws a second
        lastDraw = t;
        shown = true;
        io.stderr(`\r\x1b[K  ${check} ${done}/${planned}${failingText(failing)}`);
        return;
      }
      if (t - lastLine < heartbeatMs) return;
      lastLine = t;
      const rate = done / Math.max(0.001, (t - checkStarted) / 1000);
      io.stderr(`${prefix}: ${check} ${done}/${planned} cases${failingText(failing)}, ${rate.toFixed(1)} cases/s\n`);
    },
    done(result) {
      clear();
      if (io.interactive) return;
      const groups = result.findings.length ? `, ${result.findings.length} distinct` : '';
      io.stderr(`${prefix}: ${result.check} ${result.status}, ${result.cases} cases${groups} in ${(result.durationMs / 1000).toFixed(1)} s${result.note ? ` (${result.note})` : ''}\n`);
    },
    clear,
  };
}
