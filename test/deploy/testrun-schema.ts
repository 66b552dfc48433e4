// The fields of a k6-operator TestRun (k6.io/v1alpha1) as the operator documents them, written here
// as a JSON Schema so that `deploy/k6-operator/testrun.yaml` fails a test, not `kubectl apply`, when
// a field has the wrong type, is missing, or is unknown. Every object of the TestRun's own shape is
// closed (additionalProperties: false), as kubectl's strict field validation is: a misspelt field
// fails. Only what a TestRun sets is stated; what the operator fills in (status) is left out.
//
// The Kubernetes core types inside (env entries, volumes, resources, affinity...) are not restated:
// the `kubernetesModel` keyword hands them to kubernetes-models, the same validation the project's
// Deployments get. Like it, it checks their types and required fields but lets an unknown field
// through (the Kubernetes OpenAPI schemas it is built from leave them open).
import type { KeywordDefinition, SchemaValidateFunction } from 'ajv';
import { Affinity } from 'kubernetes-models/v1/Affinity';
import { ContainerPort } from 'kubernetes-models/v1/ContainerPort';
import { EnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import { EnvVar } from 'kubernetes-models/v1/EnvVar';
import { LocalObjectReference } from 'kubernetes-models/v1/LocalObjectReference';
import { PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import { Probe } from 'kubernetes-models/v1/Probe';
import { ResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import { SecurityContext } from 'kubernetes-models/v1/SecurityContext';
import { Toleration } from 'kubernetes-models/v1/Toleration';
import { TopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';
import { Volume } from 'kubernetes-models/v1/Volume';
import { VolumeMount } from 'kubernetes-models/v1/VolumeMount';

const models = {
  'io.k8s.api.core.v1.Affinity': Affinity,
  'io.k8s.api.core.v1.ContainerPort': ContainerPort,
  'io.k8s.api.core.v1.EnvFromSource': EnvFromSource,
  'io.k8s.api.core.v1.EnvVar': EnvVar,
  'io.k8s.api.core.v1.LocalObjectReference': LocalObjectReference,
  'io.k8s.api.core.v1.PodSecurityContext': PodSecurityContext,
  'io.k8s.api.core.v1.Probe': Probe,
  'io.k8s.api.core.v1.ResourceRequirements': ResourceRequirements,
  'io.k8s.api.core.v1.SecurityContext': SecurityContext,
  'io.k8s.api.core.v1.Toleration': Toleration,
  'io.k8s.api.core.v1.TopologySpreadConstraint': TopologySpreadConstraint,
  'io.k8s.api.core.v1.Volume': Volume,
  'io.k8s.api.core.v1.VolumeMount': VolumeMount,
} satisfies Record<string, new (data: never) => { validate(): void }>;
type KubernetesType = keyof typeof models;

const checkModel: SchemaValidateFunction = (schema, data, _parent, context) => {
  const type = schema as KubernetesType;
  try {
    new models[type](data as never).validate();
    return true;
  } catch (error) {
    // kubernetes-models throws ajv's ValidationError: its errors, placed under this value's path.
    const errors = (error as { errors?: { instancePath: string; message?: string }[] }).errors ?? [{ instancePath: '', message: String(error) }];
    checkModel.errors = errors.map((e) => ({ ...e, keyword: 'kubernetesModel', instancePath: `${context?.instancePath ?? ''}${e.instancePath}`, message: `${type}: ${e.message ?? 'invalid'}` }));
    return false;
  }
};

/**
 * `kubernetesModel: 'io.k8s.api.core.v1.EnvVar'` validates the value with that kubernetes-models
 * type; add it to the Ajv instance that compiles {@link testRunSchema}. Written here because ajv
 * cannot refer to kubernetes-models' validators, which are compiled code, not schemas.
 */
export const kubernetesModelKeyword: KeywordDefinition = {
  keyword: 'kubernetesModel',
  type: 'object',
  metaSchema: { enum: Object.keys(models) },
  errors: true,
  validate: checkModel,
};

const core = (type: KubernetesType) => ({ type: 'object', kubernetesModel: type });
const listOf = (type: KubernetesType) => ({ type: 'array', items: core(type) });
const string = { type: 'string' };
const strings = { type: 'array', items: string };
const stringMap = { type: 'object', additionalProperties: string };
const closed = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });

// An extra container the operator runs before k6 in the pod.
const initContainer = closed(
  {
    name: string,
    image: string,
    command: strings,
    args: strings,
    workingDir: string,
    env: listOf('io.k8s.api.core.v1.EnvVar'),
    envFrom: listOf('io.k8s.api.core.v1.EnvFromSource'),
    volumeMounts: listOf('io.k8s.api.core.v1.VolumeMount'),
  },
);

// The pod the operator makes for each runner, for the initializer (`k6 inspect` of the script)
// and for the starter (which starts all runners at once): one shape for all three.
const pod = closed({
  image: string,
  imagePullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
  imagePullSecrets: listOf('io.k8s.api.core.v1.LocalObjectReference'),
  metadata: closed({ labels: stringMap, annotations: stringMap }),
  env: listOf('io.k8s.api.core.v1.EnvVar'),
  envFrom: listOf('io.k8s.api.core.v1.EnvFromSource'),
  resources: core('io.k8s.api.core.v1.ResourceRequirements'),
  securityContext: core('io.k8s.api.core.v1.PodSecurityContext'),
  containerSecurityContext: core('io.k8s.api.core.v1.SecurityContext'),
  volumes: listOf('io.k8s.api.core.v1.Volume'),
  volumeMounts: listOf('io.k8s.api.core.v1.VolumeMount'),
  initContainers: { type: 'array', items: initContainer },
  serviceAccountName: string,
  // A string in the operator's API ("true" / "false"), not a boolean.
  automountServiceAccountToken: string,
  nodeSelector: stringMap,
  tolerations: listOf('io.k8s.api.core.v1.Toleration'),
  affinity: core('io.k8s.api.core.v1.Affinity'),
  topologySpreadConstraints: listOf('io.k8s.api.core.v1.TopologySpreadConstraint'),
  priorityClassName: string,
  schedulerName: string,
  readinessProbe: core('io.k8s.api.core.v1.Probe'),
  livenessProbe: core('io.k8s.api.core.v1.Probe'),
  disabled: { type: 'boolean' },
});

export const testRunSchema = closed(
  {
    apiVersion: { const: 'k6.io/v1alpha1' },
    kind: { const: 'TestRun' },
    metadata: closed({ name: string, namespace: string, labels: stringMap, annotations: stringMap }, ['name']),
    spec: closed(
      {
        // How many runner pods split the test; each runs one execution segment.
        parallelism: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 },
        // Where the script (or `k6 archive` tar) comes from: the operator refuses a TestRun naming none.
        script: {
          ...closed({
            configMap: closed({ name: string, file: string }, ['name']),
            volumeClaim: closed({ name: string, file: string, readOnly: { type: 'boolean' } }, ['name']),
            // A path inside the runner image.
            localFile: string,
          }),
          minProperties: 1,
        },
        // Extra `k6 run` arguments, one string as on a command line.
        arguments: string,
        // At most one runner per node.
        separate: { type: 'boolean' },
        // 'post': delete the jobs and pods once the run is over.
        cleanup: { enum: ['post'] },
        // Strings in the operator's API ("true" / "false"), not booleans.
        quiet: string,
        paused: string,
        ports: listOf('io.k8s.api.core.v1.ContainerPort'),
        runner: pod,
        initializer: pod,
        starter: pod,
        // For runs in Grafana Cloud k6 only.
        testRunId: string,
        token: string,
      },
      ['parallelism', 'script'],
    ),
  },
  ['apiVersion', 'kind', 'metadata', 'spec'],
);
