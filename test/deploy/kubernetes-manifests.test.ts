// Every manifest under deploy/ against the schema Kubernetes or k6-operator would apply: the built-in
// kinds through kubernetes-models (its models validate with ajv against the Kubernetes OpenAPI
// schemas), the TestRun through the operator's own CRD schema (test/fixtures/k6-operator). Then the
// capacity setup of docs/kubernetes.md is checked to hold together: the emulator finds Redis and its
// keys, Redis keeps the project's append-only file, the runners sign with a key the emulator
// accepts and aim at the emulator's Service.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formats } from '@kubernetes-models/validate';
import { Ajv } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { CREDENTIALS_VARIABLE, emulatorCredentials } from '../../harness/cli/emulator-credentials.ts';
import { emulatorOptionsFromArgs } from '../../harness/cli/commands/emulator.ts';
import { HEALTH_PATH } from '../../harness/emulator/app.ts';
import { redisDurabilityArgs } from '../../harness/services/redis-durability.ts';

const root = resolve(import.meta.dirname, '..', '..');
const deploy = join(root, 'deploy');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are read as plain YAML; the schemas below are what type them
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

function documentsOf(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${relative(root, file)}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Manifest;
  });
}

const files = readdirSync(deploy, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(deploy, f));
const manifests = files.flatMap((file) => documentsOf(file).map((manifest) => ({ file: relative(root, file), manifest })));

/**
 * The TestRun CRD schema made as strict as `kubectl apply` is: kubectl asks the server for strict
 * field validation (its default), which refuses a field the schema does not declare, where ajv
 * would let it through. So every object schema that lists its properties, and neither allows more
 * nor keeps unknown fields (x-kubernetes-preserve-unknown-fields), is closed. Written here because
 * no validator applies Kubernetes' pruning rules to a CRD schema.
 */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, closed(v)])) : closed(value);
  if (out.properties !== undefined && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

const testRunSchema = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'k6-operator', 'testrun-v1alpha1.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strictTypes: false });
// The OpenAPI extensions Kubernetes reads; named, so that any other unknown keyword still fails.
ajv.addVocabulary(['x-kubernetes-int-or-string', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-validations']);
// Kubernetes' formats (int32, int64, quantity, date-time...), as kubernetes-models defines them.
for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
const validateTestRun = ajv.compile(closed(testRunSchema) as object);

/** Throws, naming what is wrong, when `manifest` does not pass its kind's schema. */
function validate(manifest: Manifest): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  switch (key) {
    case 'v1/Secret':
      return new Secret(manifest).validate();
    case 'v1/Service':
      return new Service(manifest).validate();
    case 'v1/PersistentVolumeClaim':
      return new PersistentVolumeClaim(manifest).validate();
    case 'apps/v1/Deployment':
      return new Deployment(manifest).validate();
    case 'apps/v1/StatefulSet':
      return new StatefulSet(manifest).validate();
    case 'k6.io/v1alpha1/TestRun':
      if (!validateTestRun(manifest)) throw new Error(ajv.errorsText(validateTestRun.errors));
      return;
    default:
      throw new Error(`no schema for ${key}: add its model here`);
  }
}

const clone = <T>(value: T): T => structuredClone(value);

function find(kind: string, name: string): Manifest {
  const found = manifests.find(({ manifest }) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} under deploy/`);
  return found.manifest;
}

describe('every manifest under deploy/ passes its schema', () => {
  it('finds the manifests', () => {
    expect(manifests.map(({ manifest }) => `${manifest.kind}/${manifest.metadata.name}`).sort()).toEqual(
      expect.arrayContaining(['Deployment/connect-emulator', 'PersistentVolumeClaim/webrtc-summaries', 'Secret/connect-emulator-credentials', 'Service/connect-emulator', 'Service/connect-redis', 'StatefulSet/connect-redis', 'TestRun/webrtc-capacity']),
    );
  });

  it.each(manifests.map(({ file, manifest }) => [file, `${manifest.kind}/${manifest.metadata.name}`, manifest] as const))('%s: %s', (_file, _name, manifest) => {
    expect(() => validate(manifest)).not.toThrow();
    // One namespace for the whole run: the Services' DNS names below assume it.
    expect(manifest.metadata.namespace).toBe('loadtest');
  });

  it('the CRD schema is the operator\'s, its prose left out', () => {
    expect(JSON.stringify(testRunSchema)).not.toContain('"description"');
    expect((testRunSchema as { properties: { spec: { properties: object } } }).properties.spec.properties).toHaveProperty('parallelism');
  });
});

describe('a broken manifest fails', () => {
  it.each([
    ['a Deployment whose replicas is a string', () => Object.assign(clone(find('Deployment', 'connect-emulator')), { spec: { ...find('Deployment', 'connect-emulator').spec, replicas: 'four' } })],
    ['a Service port that is not a number', () => {
      const service = clone(find('Service', 'connect-emulator'));
      service.spec.ports[0].port = '4599/tcp';
      return service;
    }],
    ['a StatefulSet without its selector', () => {
      const redis = clone(find('StatefulSet', 'connect-redis'));
      delete redis.spec.selector;
      return redis;
    }],
    ['a TestRun whose parallelism is a string', () => {
      const run = clone(find('TestRun', 'webrtc-capacity'));
      run.spec.parallelism = '4';
      return run;
    }],
    ['a TestRun with a misspelt field', () => {
      const run = clone(find('TestRun', 'webrtc-capacity'));
      run.spec.runner.envfrom = run.spec.runner.envFrom;
      return run;
    }],
    ['a kind no schema is known for', () => ({ apiVersion: 'v1', kind: 'ConfigMapp', metadata: { name: 'x', namespace: 'loadtest' } })],
  ])('%s', (_what, broken) => {
    expect(() => validate(broken() as Manifest)).toThrow();
  });
});

describe('the capacity setup holds together (docs/kubernetes.md)', () => {
  const emulator = find('Deployment', 'connect-emulator');
  const container = emulator.spec.template.spec.containers[0] as { args: string[]; env: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[]; ports: { name: string; containerPort: number }[]; readinessProbe: { httpGet: { path: string; port: string } }; resources: { limits: { cpu: string } } };
  const flag = (name: string) => container.args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const service = find('Service', 'connect-emulator');
  const redisService = find('Service', 'connect-redis');
  const redis = find('StatefulSet', 'connect-redis');
  const testRun = find('TestRun', 'webrtc-capacity');
  const secretValue = (name: string, key: string): string => find('Secret', name).stringData[key];

  it('the emulator\'s options pass the command\'s own checks, its keys coming from the environment', async () => {
    expect(container.args.filter((a) => a.startsWith('--credentials'))).toEqual([]);
    const ref = container.env.find((e) => e.name === CREDENTIALS_VARIABLE)?.valueFrom?.secretKeyRef;
    expect(ref).toBeDefined();
    const options = await emulatorOptionsFromArgs(container.args, { [CREDENTIALS_VARIABLE]: secretValue(ref!.name, ref!.key) });
    expect(options.port).toBe(container.ports.find((p) => p.name === 'http')!.containerPort);
    // One worker per CPU it may use.
    expect(options.workers).toBeLessThanOrEqual(Number(container.resources.limits.cpu));
  });

  it('the runners sign with a key pair the emulator accepts', async () => {
    const ref = container.env.find((e) => e.name === CREDENTIALS_VARIABLE)!.valueFrom!.secretKeyRef!;
    const { credentials } = await emulatorCredentials({ flags: [], file: undefined, env: { [CREDENTIALS_VARIABLE]: secretValue(ref.name, ref.key) } });
    const runnerSecret = (testRun.spec.runner.envFrom as { secretRef: { name: string } }[])[0]!.secretRef.name;
    expect(credentials).toContainEqual(expect.objectContaining({ accessKeyId: secretValue(runnerSecret, 'AWS_ACCESS_KEY_ID'), secretAccessKey: secretValue(runnerSecret, 'AWS_SECRET_ACCESS_KEY') }));
  });

  it('the emulator\'s store is the Redis Service; the TestRun aims at the emulator\'s Service', () => {
    const store = new URL(flag('store')!);
    expect(store.hostname).toBe(`${redisService.metadata.name}.${redisService.metadata.namespace}.svc`);
    expect(Number(store.port)).toBe(redisService.spec.ports[0].port);
    const target = new URL((testRun.spec.runner.env as { name: string; value: string }[]).find((e) => e.name === 'TARGET_URL')!.value);
    expect(target.hostname).toBe(`${service.metadata.name}.${service.metadata.namespace}.svc`);
    expect(Number(target.port)).toBe(service.spec.ports[0].port);
  });

  it('each Service selects its pods, on a port they name', () => {
    for (const [svc, workload] of [[service, emulator], [redisService, redis]] as const) {
      expect(workload.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
      expect(workload.spec.selector.matchLabels).toEqual(svc.spec.selector);
      const names = (workload.spec.template.spec.containers[0].ports as { name: string }[]).map((p) => p.name);
      expect(names).toContain(svc.spec.ports[0].targetPort);
    }
  });

  it('runs the image docker compose builds from this repository', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services: { emulator: { image: string } } };
    expect(emulator.spec.template.spec.containers[0].image).toBe(compose.services.emulator.image);
  });

  it('ready on the emulator\'s health route, which answers 503 while Redis is unreachable', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: HEALTH_PATH, port: 'http' });
  });

  it('Redis runs with the project\'s append-only settings, its data on a volume of its own', () => {
    const [program, ...args] = redis.spec.template.spec.containers[0].args as string[];
    expect(program).toBe('redis-server');
    const settings = (list: readonly string[]) => Object.fromEntries(list.flatMap((a, i) => (a.startsWith('--') ? [[a.slice(2), list[i + 1] ?? '']] : [])));
    expect(settings(args)).toEqual(settings(redisDurabilityArgs));
    const mount = (redis.spec.template.spec.containers[0].volumeMounts as { name: string; mountPath: string }[]).find((m) => m.mountPath === '/data');
    expect((redis.spec.volumeClaimTemplates as { metadata: { name: string } }[]).map((c) => c.metadata.name)).toContain(mount?.name);
  });
});
