// The shell commands a doc page tells its reader to type: every line of its ```bash / ```sh blocks,
// with `\` continuations joined and trailing `# comments` dropped. Output samples (blocks with
// another or no language) are not commands.

export interface DocCommand {
  /** 1-based line of the command's first line in the page. */
  readonly line: number;
  readonly text: string;
}

const SHELL_FENCE = /^\s*```(bash|sh|shell|console)\s*$/;
const ANY_FENCE = /^\s*```/;

/** Drops a `# comment` that starts outside quotes. */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

export function shellCommands(markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const lines = markdown.split('\n');
  let inShell = false;
  let inOther = false;
  let pending: { line: number; text: string } | undefined;
  lines.forEach((raw, index) => {
    if (!inShell && !inOther && ANY_FENCE.test(raw)) {
      if (SHELL_FENCE.test(raw)) inShell = true;
      else inOther = true;
      return;
    }
    if ((inShell || inOther) && ANY_FENCE.test(raw)) {
      inShell = inOther = false;
      return;
    }
    if (!inShell) return;
    const text = withoutComment(raw).trim();
    if (pending) {
      pending.text += ' ' + text.replace(/\\$/, '').trim();
      if (!text.endsWith('\\')) {
        commands.push(pending);
        pending = undefined;
      }
      return;
    }
    if (text === '') return;
    if (text.endsWith('\\')) pending = { line: index + 1, text: text.replace(/\\$/, '').trim() };
    else commands.push({ line: index + 1, text });
  });
  return commands;
}

/** Splits a command line into words, honouring single and double quotes (no expansions). */
export function words(command: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const c of command) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started || current) out.push(current);
      current = '';
      started = false;
    } else current += c;
  }
  if (started || current) out.push(current);
  return out;
}

/** `A=1 B=2 cmd args` → the assignments and the rest. */
export function leadingAssignments(argv: readonly string[]): { env: Record<string, string>; rest: string[] } {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(argv[i]!);
    if (!match) break;
    env[match[1]!] = match[2]!;
  }
  return { env, rest: argv.slice(i) };
}
