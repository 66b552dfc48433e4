// `connect-harness corpus`: a seeded file of generated requests with their expected outcome, for
// the k6 negative-mix scenario (k6 cannot run fast-check; it reads this file with SharedArray).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { requestCase } from '../../../properties/arbitraries/index.ts';
import { errorForViolations, validate } from '../../contract/index.ts';
import { expectedOutcome } from '../../conformance/expected-outcome.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../contract/defaults.ts';
import { UsageError, type Command } from '../command.ts';
import { loadProfile } from '../load-profile.ts';
import { fraction, integer, nonEmpty, positiveInteger } from '../parse-values.ts';
import { prepareOutputFiles } from '../report-files.ts';

const usage = `Usage: connect-harness corpus --seed S --count N --out FILE [options]

Writes N generated StartWebRTCContact requests (a JSON array) with the outcome each must get:
{"id", "kind": "valid"|"invalid", "request", "expected": {"outcome": "accepted"} or
{"outcome": "rejected", "rules": [...], "allowedErrors": [...], "status": 4xx, "tag": {...}}}.
The same seed always writes the same file.

  --seed S                    fast-check seed (required: a corpus must be reproducible)
  --count N                   how many requests
  --invalid-ratio R           fraction of invalid requests, 0..1 (default 0.5)
  --instance-id ID            instance the valid requests start contacts in (default the emulator's)
  --contact-flow-id ID        flow they use (default the emulator's)
  --profile FILE              fidelity profile deciding which errors are allowed
  --out FILE                  where to write it
`;

export interface CorpusEntry {
  readonly id: number;
  readonly kind: 'valid' | 'invalid';
  readonly request: Record<string, unknown>;
  readonly expected:
    | { readonly outcome: 'accepted' }
    | { readonly outcome: 'rejected'; readonly rules: readonly string[]; readonly allowedErrors: readonly string[]; readonly status: number; readonly tag?: { rule: string; path: string; class: string } };
}

export const corpusCommand: Command = {
  name: 'corpus',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        seed: { type: 'string' }, count: { type: 'string' }, 'invalid-ratio': { type: 'string' }, out: { type: 'string' },
        'instance-id': { type: 'string' }, 'contact-flow-id': { type: 'string' }, profile: { type: 'string' },
      },
    });
    const seed = integer('--seed', values.seed);
    const count = positiveInteger('--count', values.count);
    const ratio = fraction('--invalid-ratio', values['invalid-ratio']) ?? 0.5;
    if (seed === undefined || count === undefined || values.out === undefined) throw new UsageError('--seed, --count and --out are required');
    nonEmpty('--instance-id', values['instance-id']);
    nonEmpty('--contact-flow-id', values['contact-flow-id']);
    await prepareOutputFiles({ out: values.out });
    const profile = await loadProfile(values.profile);
    const target = { instanceId: values['instance-id'] ?? DEFAULT_INSTANCE_ID, contactFlowId: values['contact-flow-id'] ?? DEFAULT_CONTACT_FLOW_ID };
    const cases = fc.sample(requestCase(ratio, { instanceId: target.instanceId, contactFlowId: target.contactFlowId }), { seed, numRuns: count });
    const entries: CorpusEntry[] = cases.map((c, id) => {
      const expected = expectedOutcome(JSON.stringify(c.request), profile, target);
      if (expected.kind === 'accepted') return { id, kind: c.kind, request: c.request, expected: { outcome: 'accepted' } };
      const error = errorForViolations(validate(c.request), profile);
      return {
        id,
        kind: c.kind,
        request: c.request,
        expected: {
          outcome: 'rejected',
          rules: expected.rules,
          allowedErrors: expected.allowed,
          status: error?.status ?? 400,
          ...(c.kind === 'invalid' ? { tag: { rule: c.tag.rule, path: c.tag.path, class: c.tag.class } } : {}),
        },
      };
    });
    await writeFile(values.out, `${JSON.stringify(entries)}\n`);
    const invalid = entries.filter((e) => e.expected.outcome === 'rejected').length;
    io.stderr(`corpus: wrote ${entries.length} requests (${invalid} to be rejected) to ${values.out}\n`);
    return 0;
  },
};
