import { parseArgs } from 'node:util';
import { errorForCondition, errorForViolations, validate, type AwsError } from '../../contract/index.ts';
import { parseBody } from '../../contract/parse-body.ts';
import { UsageError, type Command } from '../command.ts';
import { readInputBytes } from '../read-input.ts';
import { loadProfile } from '../load-profile.ts';

const usage = `Usage: connect-harness validate [FILE|-] [--profile FILE]

Checks one StartWebRTCContact request body (JSON) against the contract and prints
{"valid": bool, "violations": [...], "error": {...} | null}, where "error" is what the emulator
would answer with (under the default fidelity profile, or --profile FILE).
Reads stdin when FILE is "-" or absent. Exit 0 valid, 1 invalid, 2 unreadable input.
`;

function errorJson(error: AwsError | undefined) {
  return error ? { name: error.name, status: error.status, message: error.message } : null;
}

export const validateCommand: Command = {
  name: 'validate',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { profile: { type: 'string' } } });
    if (positionals.length > 1) throw new UsageError('validate takes one FILE (or - for stdin)');
    const profile = await loadProfile(values.profile);
    const parsed = parseBody(await readInputBytes(positionals[0], io.stdin));
    const result = parsed.ok
      ? (() => {
          const violations = validate(parsed.value);
          return { valid: violations.length === 0, violations, error: errorJson(errorForViolations(violations, profile)) };
        })()
      : { valid: false, violations: [], error: errorJson(errorForCondition(parsed.condition, { reason: parsed.reason }, profile)) };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return result.valid ? 0 : 1;
  },
};
