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

it('every pod writes its summary to one ReadWriteMany volume, for k6-combine', () => {
  const runner = (manifest.spec.runner as unknown as {
    env: { name: string; value?: string }[];
    volumeMounts: { name: string; mountPath: string }[];
    volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[];
  });
  const dir = runner.env.find((e) => e.name === 'SUMMARY_DIR')?.value;
  const mount = runner.volumeMounts.find((m) => m.mountPath === dir);
  expect(mount).toBeDefined();
  const claim = runner.volumes.find((v) => v.name === mount!.name)?.persistentVolumeClaim?.claimName;
  const pvc = parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'deploy', 'k6-operator', 'summaries-pvc.yaml'), 'utf8')) as { kind: string; metadata: { name: string }; spec: { accessModes: string[] } };
  expect(pvc.kind).toBe('PersistentVolumeClaim');
  expect(pvc.metadata.name).toBe(claim);
  expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
});
