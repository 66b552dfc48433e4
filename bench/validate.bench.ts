// Validations per second, single-threaded, against JSON.parse of the same body as the baseline
// (every server parses the body anyway, so validation should cost about as much or less).
import { validate, utf8ByteLength, documentedRules } from '../harness/contract/index.ts';
import { budgetSizedRequest, typicalRequest } from './fixtures/requests.ts';
import { opsPerSecond, type BenchSection } from './section.ts';

export async function bench(): Promise<BenchSection> {
  const big = budgetSizedRequest();
  const attributes = big.Attributes as Record<string, string>;
  const bytes = Object.entries(attributes).reduce((n, [k, v]) => n + utf8ByteLength(k) + utf8ByteLength(v), 0);
  if (bytes !== documentedRules.A1.limitBytes || validate(big).length !== 0) throw new Error('bench fixture is not budget-sized and valid');
  const typicalJson = JSON.stringify(typicalRequest);
  const bigJson = JSON.stringify(big);

  const typical = opsPerSecond(() => validate(typicalRequest));
  const typicalParse = opsPerSecond(() => JSON.parse(typicalJson));
  const budget = opsPerSecond(() => validate(big));
  const budgetParse = opsPerSecond(() => JSON.parse(bigJson));
  return {
    title: 'Contract validation',
    goal: 'at least 200,000 typical validations/s and 20,000 budget-sized (32,768-byte multi-byte attributes) validations/s on one core',
    met: typical >= 200_000 && budget >= 20_000,
    rows: [
      { name: 'JSON.parse, typical body (baseline)', value: typicalParse, unit: 'ops/s', ratio: 1 },
      { name: 'validate, typical request', value: typical, unit: 'validations/s', ratio: typical / typicalParse },
      { name: 'JSON.parse, budget-sized body (baseline)', value: budgetParse, unit: 'ops/s', ratio: 1 },
      { name: 'validate, budget-sized request', value: budget, unit: 'validations/s', ratio: budget / budgetParse },
    ],
    notes: [`typical body ${typicalJson.length} bytes; budget-sized body ${Buffer.byteLength(bigJson)} bytes with ${Object.keys(attributes).length} attributes`],
  };
}
