// Compares the contract module with the public API model: a facts-only extract of botocore's Connect
// model, carried as a fixture (test/fixtures/aws/, origin and licence in its README). If the fixture
// is missing the comparison fails under CI=true and is skipped, saying why, elsewhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, operations, shapes, startWebRTCContactErrors, type Shape } from '../harness/contract/index.ts';
import { parseModel, renderExtract } from './fixtures/aws/extract-model.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const modelPath = resolve(repoRoot, 'test', 'fixtures', 'aws', 'connect-model-extract.json');
const modelName = relative(repoRoot, modelPath);
const present = existsSync(modelPath);

interface ModelShape {
  type: string;
  min?: number;
  max?: number;
  enum?: string[];
  pattern?: string;
  required?: string[];
  sensitive?: boolean;
  members?: Record<string, { shape: string }>;
  key?: { shape: string };
  value?: { shape: string };
  member?: { shape: string };
  error?: { httpStatusCode: number };
}
interface Model {
  operations: Record<string, { http: { method: string; requestUri: string }; input?: { shape: string }; errors: { shape: string }[] }>;
  shapes: Record<string, ModelShape>;
}

const modelText = present ? readFileSync(modelPath, 'utf8') : undefined;
const model: Model | undefined = modelText === undefined ? undefined : (JSON.parse(modelText) as Model);
const contract = shapes as Record<string, Shape>;

/** Members the contract has and this model slice lacks, with the reason they are still right. */
const newerThanModel: Record<string, string> = {
  'StartWebRTCContactRequest.SegmentAttributes': 'sent by the newest v3 SDK (checked below against @aws-sdk/client-connect)',
};

if (!present && process.env.CI === 'true') {
  describe('contract against the public model', () => {
    it(`needs the fixture ${modelName}`, () => {
      throw new Error(`fixture ${modelPath} is missing: the model comparison cannot run (CI=true)`);
    });
  });
}

describe.skipIf(!present)(`contract against the public model (${present ? modelName : `skipped: ${modelName} is missing`})`, () => {
  const m = model as Model;

  it('carries facts only: no documentation prose anywhere in the extract', () => {
    const prose: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (/^documentation/i.test(k)) prose.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
    };
    walk(m, '$');
    expect(prose).toEqual([]);
  });

  it('is exactly what extract-model.ts writes (re-extracting it changes nothing)', () => {
    expect(renderExtract(parseModel(modelText!))).toBe(modelText);
  });

  it('knows every shape StartWebRTCContact reaches in the model', () => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const s = m.shapes[name]!;
      for (const ref of [...Object.values(s.members ?? {}), s.key, s.value, s.member]) if (ref) visit(ref.shape);
    };
    visit('StartWebRTCContactRequest');
    visit('StartWebRTCContactResponse');
    visit('StopContactRequest');
    const missing = [...seen].filter((n) => !(n in contract));
    expect(missing).toEqual([]);
  });

  for (const [name, shape] of Object.entries(contract)) {
    const modelShape = model?.shapes[name];
    it(`${name} matches the model`, () => {
      expect(modelShape, `${name} is not in the model`).toBeDefined();
      const ms = modelShape!;
      expect(shape.type).toBe(ms.type);
      if (shape.type === 'string') {
        expect(shape.length?.min, 'min').toBe(ms.min);
        expect(shape.length?.max, 'max').toBe(ms.max);
        expect(shape.enum ? [...shape.enum] : undefined, 'enum').toEqual(ms.enum);
        expect(shape.pattern, 'pattern').toBe(ms.pattern);
        // The contract may mark more as sensitive than the model does, never less.
        if (ms.sensitive) expect(shape.sensitive, 'sensitive').toBe(true);
      } else if (shape.type === 'structure') {
        expect([...(shape.required ?? [])].sort(), 'required').toEqual([...(ms.required ?? [])].sort());
        const modelMembers = ms.members ?? {};
        for (const [member, ref] of Object.entries(shape.members)) {
          if (!(member in modelMembers)) {
            expect(newerThanModel[`${name}.${member}`], `${name}.${member} is not in the model`).toBeDefined();
            continue;
          }
          expect(ref.shape, `${name}.${member}`).toBe(modelMembers[member]!.shape);
        }
        expect(Object.keys(modelMembers).filter((k) => !(k in shape.members)), `${name}: members the contract lacks`).toEqual([]);
      } else if (shape.type === 'map') {
        expect(shape.key.shape).toBe(ms.key?.shape);
        expect(shape.value.shape).toBe(ms.value?.shape);
        expect(shape.length?.min).toBe(ms.min);
        expect(shape.length?.max).toBe(ms.max);
      } else if (shape.type === 'list') {
        expect(shape.member.shape).toBe(ms.member?.shape);
      }
    });
  }

  it('lists the errors the model lists for StartWebRTCContact, with the model\'s statuses', () => {
    const modeled = m.operations.StartWebRTCContact!.errors.map((e) => e.shape).sort();
    expect([...startWebRTCContactErrors].sort()).toEqual(modeled);
    for (const op of Object.values(m.operations)) {
      for (const { shape } of op.errors) {
        const status = m.shapes[shape]?.error?.httpStatusCode;
        if (shape in errorCatalogue) expect(errorCatalogue[shape as keyof typeof errorCatalogue].status, shape).toBe(status);
      }
    }
  });

  it('binds each operation to the model\'s method and path', () => {
    for (const [name, binding] of Object.entries(operations)) {
      const http = m.operations[name]!.http;
      expect(`${binding.method} ${binding.path}`).toBe(`${http.method} ${http.requestUri}`);
    }
  });
});

describe('members newer than the model slice', () => {
  it('SegmentAttributes is a StartWebRTCContact member in the pinned SDK', () => {
    const dir = resolve(import.meta.dirname, '..', 'node_modules', '@aws-sdk', 'client-connect', 'dist-types', 'models');
    const sdkTypes = readdirSync(dir).filter((f) => f.endsWith('.d.ts')).map((f) => readFileSync(resolve(dir, f), 'utf8')).join('\n');
    const declaration = /export interface StartWebRTCContactRequest \{[\s\S]*?\n\}/.exec(sdkTypes)?.[0] ?? '';
    expect(declaration).toContain('SegmentAttributes?:');
  });
});
