// The k6-operator TestRun keeps credentials out of every archive: the operator's initializer turns
// each runner.env entry into a `k6 archive -e` value, so no Secret may be referenced there; keys
// come through envFrom, which it does not pass (docs/k6.md, "k6-operator").
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'deploy', 'k6-operator', 'testrun.yaml'), 'utf8')) as {
  spec: { runner: { env?: { name: string; value?: string; valueFrom?: unknown }[]; envFrom?: { secretRef?: { name: string } }[] } };
};

it('runner.env holds no Secret reference and no credential; the keys come through envFrom', () => {
  const env = manifest.spec.runner.env ?? [];
  expect(env.filter((e) => e.valueFrom !== undefined)).toEqual([]);
  expect(env.map((e) => e.name).filter((n) => /KEY|SECRET|TOKEN|PASSWORD/i.test(n))).toEqual([]);
  expect(manifest.spec.runner.envFrom?.map((e) => e.secretRef?.name)).toEqual(['webrtc-harness-credentials']);
});
