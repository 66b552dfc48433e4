// Every manifest under deploy/ against the schema Kubernetes or k6-operator would apply: the built-in
// kinds through kubernetes-models (its models validate with ajv against the Kubernetes OpenAPI
// schemas), the TestRun through the TestRun fields the operator documents (./testrun-schema.ts). Then the
// capacity setup of docs/kubernetes.md is checked to hold together: the emulator finds Redis and its
// keys, Redis keeps the project's append-only file, the runners sign with a key the emulator
// accepts and aim at the emulator's Service.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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
import { kubernetesModelKeyword, testRunSchema } from './testrun-schema.ts';

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

const ajv = new Ajv({ allErrors: true });
ajv.addKeyword(kubernetesModelKeyword);
const validateTestRun = ajv.compile(testRunSchema);

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
      if (!validateTestRun(manifest)) throw new Error(validateTestRun.errors!.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('; '));
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

});

describe('a broken manifest fails', () => {
  const testRun = (change: (run: Manifest) => void) => () => {
    const run = clone(find('TestRun', 'webrtc-capacity'));
    change(run);
    return run;
  };
  // Each with what the failure must name, so that it fails for the reason given.
  it.each<[string, () => object, RegExp]>([
    ['a Deployment whose replicas is a string', () => Object.assign(clone(find('Deployment', 'connect-emulator')), { spec: { ...find('Deployment', 'connect-emulator').spec, replicas: 'four' } }), /replicas must be integer/],
    ['a Service port that is not a number', () => {
      const service = clone(find('Service', 'connect-emulator'));
      service.spec.ports[0].port = '4599/tcp';
      return service;
    }, /port must be integer/],
    ['a StatefulSet without its selector', () => {
      const redis = clone(find('StatefulSet', 'connect-redis'));
      delete redis.spec.selector;
      return redis;
    }, /spec must have required property selector/],
    ['a TestRun whose parallelism is a string', testRun((run) => { run.spec.parallelism = '4'; }), /\/spec\/parallelism must be integer/],
    ['a TestRun with a misspelt field', testRun((run) => { run.spec.runner.envfrom = run.spec.runner.envFrom; }), /\/spec\/runner must NOT have additional properties {"additionalProperty":"envfrom"}/],
    ['a TestRun with an unknown field in its script', testRun((run) => { run.spec.script.configMap.path = 'archive.tar'; }), /"additionalProperty":"path"/],
    ['a TestRun without its script', testRun((run) => { delete run.spec.script; }), /\/spec must have required property 'script'/],
    ['a TestRun whose script names no source', testRun((run) => { run.spec.script = {}; }), /\/spec\/script must NOT have fewer than 1 properties/],
    ['a TestRun whose cleanup is not one the operator knows', testRun((run) => { run.spec.cleanup = 'always'; }), /\/spec\/cleanup must be equal to one of the allowed values/],
    ['a TestRun whose quiet is a boolean (the operator takes a string)', testRun((run) => { run.spec.quiet = true; }), /\/spec\/quiet must be string/],
    ['a TestRun without a name', testRun((run) => { delete (run.metadata as { name?: string }).name; }), /\/metadata must have required property 'name'/],
    ['a TestRun runner env entry without a name (kubernetes-models\' EnvVar)', testRun((run) => { run.spec.runner.env.push({ value: 'x' }); }), /\/spec\/runner\/env\/2 io\.k8s\.api\.core\.v1\.EnvVar: must have required property name/],
    ['a TestRun runner env entry that is a string', testRun((run) => { run.spec.runner.env.push('TARGET_URL=x'); }), /\/spec\/runner\/env\/2 must be object/],
    ['a TestRun runner volume whose claim has no claimName (kubernetes-models\' Volume)', testRun((run) => { run.spec.runner.volumes[0].persistentVolumeClaim = { claim: 'webrtc-summaries' }; }), /\/spec\/runner\/volumes\/0\/persistentVolumeClaim io\.k8s\.api\.core\.v1\.Volume: must have required property claimName/],
    ['a TestRun resource quantity that is not one', testRun((run) => { run.spec.runner.resources.limits.cpu = 'two'; }), /\/spec\/runner\/resources\/limits\/cpu io\.k8s\.api\.core\.v1\.ResourceRequirements/],
    ['a kind no schema is known for', () => ({ apiVersion: 'v1', kind: 'ConfigMapp', metadata: { name: 'x', namespace: 'loadtest' } }), /no schema for v1\/ConfigMapp/],
  ])('%s', (_what, broken, reason) => {
    expect(() => validate(broken() as Manifest)).toThrow(reason);
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
