// scripts/compare-profiles.ts: the nightly drift check's verdict. Drift is any change in what a
// profile records per condition (entry error/status/message, a disagreement's answers, acceptance);
// evidence counts, timestamps and the other fields are not. Fixtures are written the way
// `conformance --observe` writes them (its own mergeObserved), plus hand-written entries.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile, type Condition } from '../../harness/contract/index.ts';
import { mergeObserved } from '../../harness/conformance/observe/observed-profile.ts';
import { evidenceOf, type ObservedAnswer, type Observations } from '../../harness/conformance/observe/recorder.ts';
import { compareProfiles, formatComparison, main, usage } from '../../scripts/compare-profiles.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Json = Record<string, unknown>;

/** Evidence for one condition: each answer as [status, error, message, cases]. */
function seen(answers: readonly (readonly [number, string | null, string | null, number])[], at = '2026-01-01T00:00:00.000Z'): Observations[Condition] {
  const list: ObservedAnswer[] = answers.map(([status, error, message, cases]) => ({ status, error, message, cases }));
  return evidenceOf({ answers: list, firstSeen: at, lastSeen: at, endpoint: 'https://connect.eu-west-2.amazonaws.com', region: 'eu-west-2' });
}

/** A profile file as `conformance --observe` writes it from `observations` (into nothing earlier). */
function observedFile(observations: Observations): Json {
  return JSON.parse(JSON.stringify(mergeObserved(undefined, observations).profile)) as Json;
}

const lengthMessage = "Value at '{path}' failed to satisfy constraint: Member must have length less than or equal to {limit}";
const night: Observations = {
  length: seen([[400, 'InvalidParameterException', lengthMessage, 12]]),
  type: seen([[400, 'SerializationException', 'Unexpected value type at {path}', 4]]),
  'rate-throttle': seen([[429, 'ThrottlingException', 'Rate exceeded', 3]]),
  'attribute-key-charset': seen([[200, null, null, 5]]), // accepted by every case
  'reference-byte-budget': seen([[400, 'InvalidRequestException', 'too big', 2], [400, 'InvalidParameterException', 'too large', 1]]), // disagreement
};

const compare = (committed: Json, observed: Json) => compareProfiles(committed, observed);
const changed = (committed: Json, observed: Json) => compare(committed, observed).differences.map((d) => d.condition);

describe('compareProfiles', () => {
  const base = observedFile(night);

  it('a profile compared with itself: no drift, every recorded condition counted as the same', () => {
    const result = compare(base, base);
    expect(result.differences).toEqual([]);
    expect(result.notObserved).toEqual([]);
    expect(result.same).toBe(5);
  });

  it('another night with the same answers but other counts and times: no drift', () => {
    const later = observedFile({
      length: seen([[400, 'InvalidParameterException', lengthMessage, 99]], '2026-02-02T02:02:02.000Z'),
      type: seen([[400, 'SerializationException', 'Unexpected value type at {path}', 1]], '2026-02-02T02:02:02.000Z'),
      'rate-throttle': seen([[429, 'ThrottlingException', 'Rate exceeded', 30]]),
      'attribute-key-charset': seen([[200, null, null, 1]]),
      'reference-byte-budget': seen([[400, 'InvalidParameterException', 'too large', 7], [400, 'InvalidRequestException', 'too big', 1]]),
    });
    expect(later).not.toEqual(base);
    expect(compare(base, later).differences).toEqual([]);
  });

  it.each([
    ['message', { length: seen([[400, 'InvalidParameterException', 'Member must be shorter', 12]]) }],
    ['status', { length: seen([[403, 'InvalidParameterException', lengthMessage, 12]]) }],
    ['error', { length: seen([[400, 'ValidationException', lengthMessage, 12]]) }],
  ])('an entry whose %s changed is drift', (_field, tonight) => {
    const observed = observedFile({ ...night, ...tonight });
    const result = compare(base, observed);
    expect(result.differences).toEqual([
      { condition: 'length', committed: `400 InvalidParameterException ${JSON.stringify(lengthMessage)}`, observed: expect.not.stringContaining(`400 InvalidParameterException ${JSON.stringify(lengthMessage)}`) },
    ]);
  });

  it('a condition now answered more than one way, or now accepted, is drift', () => {
    const observed = observedFile({
      ...night,
      length: seen([[400, 'InvalidParameterException', lengthMessage, 6], [400, 'ValidationException', 'x', 6]]),
      type: seen([[200, null, null, 4]]),
    });
    const result = compare(base, observed);
    expect(result.differences.map((d) => [d.condition, d.observed])).toEqual([
      ['type', 'accepted by every case (no error)'],
      ['length', expect.stringMatching(/^answered more than one way: 400 InvalidParameterException .*; 400 ValidationException "x"$/)],
    ]);
  });

  it('a disagreement with other answers is drift; one that settled on an answer is drift too', () => {
    expect(changed(base, observedFile({ ...night, 'reference-byte-budget': seen([[400, 'InvalidRequestException', 'too big', 2], [413, 'RequestEntityTooLargeException', 'x', 1]]) }))).toEqual(['reference-byte-budget']);
    expect(changed(base, observedFile({ ...night, 'reference-byte-budget': seen([[400, 'InvalidRequestException', 'too big', 3]]) }))).toEqual(['reference-byte-budget']);
  });

  it('a condition observed for the first time is drift (the committed placeholder records nothing)', () => {
    const placeholder = { name: 'observed (none yet)', entries: {} };
    const result = compare(placeholder, base);
    expect(result.differences.map((d) => d.condition).sort()).toEqual(['attribute-key-charset', 'length', 'rate-throttle', 'reference-byte-budget', 'type']);
    expect(result.differences.every((d) => d.committed === '(nothing recorded)')).toBe(true);
  });

  it('a condition the night did not exercise is listed, not drift', () => {
    const { length: _l, 'rate-throttle': _r, ...rest } = night;
    const result = compare(base, observedFile(rest));
    expect(result.differences).toEqual([]);
    expect(result.notObserved).toEqual(['length', 'rate-throttle']);
  });

  it('name, description, allowed, source and limits are not compared', () => {
    const entries = base.entries as Record<string, Json>;
    const edited = {
      ...base,
      name: 'renamed',
      description: 'other',
      limits: { nestingDepth: null },
      entries: { ...entries, length: { ...entries.length, allowed: ['InvalidParameterException', 'InvalidRequestException'], source: 'documented' } },
    };
    expect(compare(base, edited).differences).toEqual([]);
  });

  it('a hand-written entry is compared with what it means once the defaults fill it in', () => {
    const handWritten = { entries: { enum: { error: defaultProfile.entries.enum.error } } };
    const full = { entries: { enum: { ...defaultProfile.entries.enum } } };
    expect(compare(handWritten, full).differences).toEqual([]);
    expect(changed(handWritten, { entries: { enum: { ...defaultProfile.entries.enum, message: 'other' } } })).toEqual(['enum']);
  });

  it('refuses a file that is not a profile', () => {
    expect(() => compare(base, { entries: {}, unknown: 1 })).toThrow(/unknown field/);
    expect(() => compare({ entries: { 'no-such-condition': {} } }, base)).toThrow(/unknown condition/);
  });
});

describe('formatComparison', () => {
  it('names each drifted condition with both answers, and how to accept', () => {
    const text = formatComparison(
      { differences: [{ condition: 'length', committed: '400 A "m"', observed: '400 B "m"' }], notObserved: ['enum'], same: 3 },
      { committed: 'profiles/observed.json', observed: 'reports/observed-profile.json' },
    );
    expect(text).toBe(
      [
        'Drift: 1 condition answered differently from what profiles/observed.json records (observed: reports/observed-profile.json).',
        '  length',
        '    committed: 400 A "m"',
        '    observed:  400 B "m"',
        '3 other conditions answered as recorded.',
        'Not exercised by this run (not drift; an accepted copy of reports/observed-profile.json would drop their entries): enum',
        'To accept the new answers: copy reports/observed-profile.json over profiles/observed.json, review the diff, commit (docs/drift.md).',
        '',
      ].join('\n'),
    );
  });
});

describe('main and the script as the workflow runs it', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'compare-profiles-'));
    await writeFile(file('base.json'), JSON.stringify(observedFile(night)));
    await writeFile(file('drifted.json'), JSON.stringify(observedFile({ ...night, length: seen([[400, 'ValidationException', lengthMessage, 1]]) })));
    await writeFile(file('not-json.json'), '{"entries": ');
    await writeFile(file('not-a-profile.json'), JSON.stringify({ entries: {}, evidence: [] }));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function run(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const status = await main(args, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
    return { status, stdout: out.join(''), stderr: err.join('') };
  }

  it('0 when the same', async () => {
    expect(await run([file('base.json'), file('base.json')])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^No drift: 5 conditions/), stderr: '' });
  });

  it('1 with the difference when they differ', async () => {
    const ran = await run([file('base.json'), file('drifted.json')]);
    expect(ran.status).toBe(1);
    expect(ran.stdout).toContain('  length\n    committed: 400 InvalidParameterException');
    expect(ran.stdout).toContain('    observed:  400 ValidationException');
  });

  it.each([
    ['no arguments', [], /^Usage: /],
    ['one argument', ['a.json'], /^Usage: /],
    ['three arguments', ['a', 'b', 'c'], /^Usage: /],
    ['a flag', ['--help', 'x'], /^Usage: /],
  ])('2 and the usage for %s', async (_what, args, message) => {
    const ran = await run(args);
    expect(ran).toMatchObject({ status: 2, stdout: '' });
    expect(ran.stderr).toMatch(message);
    expect(ran.stderr).toBe(usage);
  });

  it.each([
    ['a missing file', 'missing.json', /missing\.json: cannot read it \(ENOENT\)/],
    ['a file that is not JSON', 'not-json.json', /not-json\.json: not JSON/],
    ['a file that is not a profile', 'not-a-profile.json', /not-a-profile\.json: not a profile: evidence: expected an object/],
  ])('2 and one line naming the file for %s', async (_what, name, message) => {
    for (const args of [[file(name), file('base.json')], [file('base.json'), file(name)]]) {
      const ran = await run(args);
      expect(ran).toMatchObject({ status: 2, stdout: '' });
      expect(ran.stderr).toMatch(/^compare-profiles: [^\n]+\n$/);
      expect(ran.stderr).toMatch(message);
    }
  });

  it('as a process (npx tsx scripts/compare-profiles.ts): the exit statuses 0, 1 and 2', async () => {
    const exec = async (args: readonly string[]) => {
      try {
        await promisify(execFile)('npx', ['tsx', 'scripts/compare-profiles.ts', ...args], { cwd: root, env: { ...process.env, npm_config_yes: 'false' } });
        return 0;
      } catch (error) {
        return (error as { code?: number }).code;
      }
    };
    const statuses = await Promise.all([exec([file('base.json'), file('base.json')]), exec([file('base.json'), file('drifted.json')]), exec([file('base.json')])]);
    expect(statuses).toEqual([0, 1, 2]);
  }, 60_000);
});
