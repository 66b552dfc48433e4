// A process started through npm (`npx connect-harness …`, `npm start`, `npm run stack`) sits under
// wrappers: npm, the shell npm runs the command in, and for a script run by the tsx command its launcher.
// Signals sent to the outermost wrapper do not reach it: npm passes SIGTERM to its shell, and the
// shell dies without passing it on; SIGKILL reaches no one. Either way this process would be left
// behind, still listening on its port. So it watches the chain of wrappers it was started under
// and, when a link breaks (a wrapper exited and its child was handed to another parent), stops
// itself exactly as SIGTERM would stop it: the command's own handlers run (the emulator finishes
// requests in flight, a conformance run stops the contacts it started), then it exits.
//
// Linux reads the chain from /proc; elsewhere only the direct parent is watched (process.ppid).
import cluster from 'node:cluster';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** A process and the parent it had when the watch began. */
export interface Link {
  readonly pid: number;
  readonly parent: number;
}

/** The parent of `pid` from /proc, or undefined when it is gone or /proc cannot tell. */
export function parentOf(pid: number): number | undefined {
  if (pid === process.pid) return process.ppid;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * npm or npx itself: `node …/npm-cli.js`, `node …/npx-cli.js`, a binary named npm or npx, or the
 * process title npm gives itself ("npm exec connect-harness …", "npm run stack"), which replaces
 * its command line.
 */
export function isNpm(argv: readonly string[]): boolean {
  return argv.slice(0, 2).some((arg) => /^(npm|npx)(-cli\.js)?$/.test(basename(arg.split(' ')[0]!)));
}

/** How many wrappers npm can put between itself and us: its shell, tsx's launcher, and a margin. */
const MAX_DEPTH = 5;

export interface ProcessTable {
  readonly parentOf: (pid: number) => number | undefined;
  readonly commandLine: (pid: number) => string[];
  /** Whether other processes can be read at all (/proc); without it only process.ppid is known. */
  readonly readable: boolean;
}

const procTable: ProcessTable = { parentOf, commandLine, readable: existsSync('/proc/self/stat') };

/**
 * The links from this process up to the npm that started it, or [] when no npm is among its
 * nearest ancestors (run directly with node, in a container as PID 1, by a service manager): then
 * nothing wraps it, and a signal to it reaches it.
 */
export function wrapperChain(table: ProcessTable = procTable, env: NodeJS.ProcessEnv = process.env): Link[] {
  if (!table.readable) {
    // npm's environment is then the only sign of npm, and the direct parent the one link to watch.
    const underNpm = env.npm_command !== undefined || env.npm_lifecycle_event !== undefined;
    return underNpm ? [{ pid: process.pid, parent: process.ppid }] : [];
  }
  const links: Link[] = [];
  let pid = process.pid;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = table.parentOf(pid);
    if (parent === undefined || parent <= 1) break;
    links.push({ pid, parent });
    if (isNpm(table.commandLine(parent))) return links;
    pid = parent;
  }
  return [];
}

/** The first link that no longer holds, or undefined while every wrapper is still in place. */
export function brokenLink(links: readonly Link[], read: (pid: number) => number | undefined = parentOf): Link | undefined {
  return links.find((link) => read(link.pid) !== link.parent);
}

export interface OrphanGuardOptions {
  readonly intervalMs?: number;
  /** After the SIGTERM, exit anyway if the command's own shutdown has not finished by then. */
  readonly graceMs?: number;
  readonly log?: (line: string) => void;
  /** How the line it prints names this program (default connect-harness). */
  readonly name?: string;
}

/**
 * Watches the wrappers this process was started under (see above); returns a function that stops
 * watching. Does nothing when nothing wraps the process. The timer never keeps the process alive.
 */
export function guardAgainstOrphaning(options: OrphanGuardOptions = {}): () => void {
  // A cluster worker (emulator --workers) is stopped by its primary, which watches npm itself, and
  // exits on its own if the primary is gone (node:cluster): a watch here would only repeat the line.
  if (cluster.isWorker) return () => {};
  const links = wrapperChain();
  if (links.length === 0) return () => {};
  const timer = setInterval(() => {
    const broken = brokenLink(links);
    if (!broken) return;
    clearInterval(timer);
    (options.log ?? ((line) => process.stderr.write(line)))(`${options.name ?? 'connect-harness'}: the npm that started this process (pid ${links.at(-1)!.parent}) is gone; stopping as on SIGTERM\n`);
    setTimeout(() => process.exit(143), options.graceMs ?? 30_000).unref();
    process.kill(process.pid, 'SIGTERM');
  }, options.intervalMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}
