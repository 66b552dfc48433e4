// What every command's argument parsing shares, done once in main.ts so that no command has to:
// negative numbers read as values, and node:util parseArgs's errors turned into one line that names
// the option and how to find the accepted ones.
import { UsageError } from './command.ts';

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * `--runs -5` as `--runs=-5`. parseArgs takes "-5" for an option and refuses `--runs -5` as
 * "ambiguous"; nothing in this command line is an option that starts with a digit, so a negative
 * number after a `--flag` is that flag's value, and its validator can then say what is wrong with it.
 */
export function negativeValuesJoined(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (/^--[^=]+$/.test(arg) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * A node:util parseArgs error as a usage error naming the option; anything else unchanged.
 * `program` is how the reader calls it: "connect-harness validate", "npm run stack --".
 */
export function usageErrorFromParseArgs(error: unknown, program: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return error;
  const message = (error as Error).message;
  const option = /Option '(-{1,2}[^' ]+)/.exec(message)?.[1] ?? /option '(-{1,2}[^']+)'/i.exec(message)?.[1];
  const help = `run ${program} --help for its options`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1] ?? '?';
    return new UsageError(`unknown option ${unknown}; ${help}`);
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /Unexpected argument '([^']*)'/.exec(message)?.[1] ?? '?';
    return new UsageError(`unexpected argument "${arg}": ${program.replace(/ --$/, '')} takes options only; ${help}`);
  }
  if (/does not take an argument/.test(message)) return new UsageError(`${option} takes no value; ${help}`);
  if (/ambiguous/.test(message)) return new UsageError(`${option} needs a value, and the next argument looks like an option; if it is the value, write ${option}=VALUE`);
  if (/argument missing/.test(message)) return new UsageError(`${option} needs a value; ${help}`);
  return new UsageError(`${message.split('\n')[0]}; ${help}`);
}
