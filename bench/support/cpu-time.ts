// A process's CPU time from /proc, for the benchmarks that judge CPU per request: it moves far less
// with the shared machine's other load than requests/s does.
import { readFileSync } from 'node:fs';

/** Clock ticks per second in /proc/PID/stat (USER_HZ: 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process so far, from /proc (NaN where there is none). */
export function cpuSeconds(pid: number): number {
  try {
    // "pid (comm) state …": comm may hold spaces, so the fields are read after the last ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Runs `load` and returns it with the CPU microseconds `pid` spent per request it counted. */
export async function withCpuPerRequest<T extends { readonly requests: number }>(pid: number, load: () => Promise<T>): Promise<T & { readonly cpuMicrosPerRequest: number }> {
  const before = cpuSeconds(pid);
  const result = await load();
  return { ...result, cpuMicrosPerRequest: ((cpuSeconds(pid) - before) * 1e6) / result.requests };
}
