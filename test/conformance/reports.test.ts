// The reports of a failing run (console, JUnit XML, JSON): well-formed whatever the counterexamples
// hold, each finding with a command that replays it, and no secret anywhere: not the secret key,
// not a signature, not a session token, not a ParticipantToken or JoinToken, not a Description.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../harness/conformance/check.ts';
import { consoleReport } from '../../harness/conformance/reporters/console.ts';
import { jsonReport } from '../../harness/conformance/reporters/json.ts';
import { junitReport } from '../../harness/conformance/reporters/junit.ts';
import { exitStatus, runConformance, type RunReport } from '../../harness/conformance/runner.ts';
import { defaultProfile, isWellFormed } from '../../harness/contract/index.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../harness/contract/defaults.ts';
import type { Exchange } from '../../harness/targets/exchange.ts';
import { openEmulatorTarget, type EmulatorTarget } from '../../harness/targets/emulator-target.ts';
import { elements, illegalXmlChar, parseXml, XmlError } from './xml-well-formed.ts';
import { withDefects } from '../support/defects.ts';

const ACCESS_KEY_ID = 'AKIDHARNESSTEST';
const SECRET = 'S3cr3t-value-not-to-leak';
const SEED = 77;
/** Flags as a run against an endpoint would have them: replays must go where the run went. */
const TARGET_ARGS = ['--endpoint', 'http://127.0.0.1:4599'];

// Markers of the handcrafted finding: each must be redacted from every report.
const DESCRIPTION = 'DESCRIPTION-MARKER-3f9a personal data';
const PARTICIPANT_TOKEN = 'PARTICIPANT-TOKEN-MARKER-77c1';
const JOIN_TOKEN = 'JOIN-TOKEN-MARKER-0b2e';
const SIGNATURE = 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed';
const SESSION_TOKEN = 'SESSION-TOKEN-MARKER-IQoJb3JpZ2luX2Vj';
/** Control characters, a lone high and a lone low surrogate, a noncharacter, an astral character, markup. */
const NASTY = 'nul\u0000 bel\u0007 vt\u000b esc\u001b high\ud800 low\udfff nonchar\uffff emoji😀 amp& lt< cdata]]> quote" apos\'';

function handcraftedFinding(): Finding {
  const request = {
    InstanceId: DEFAULT_INSTANCE_ID,
    ContactFlowId: DEFAULT_CONTACT_FLOW_ID,
    ParticipantDetails: { DisplayName: NASTY },
    Attributes: { [NASTY]: NASTY, __proto__x: 'v' },
    Description: DESCRIPTION,
  };
  const wireBody = JSON.stringify(request);
  const exchange: Exchange = {
    operation: 'StartWebRTCContact',
    durationMs: 3,
    attempts: [
      {
        request: {
          origin: 'http://127.0.0.1:4599',
          method: 'PUT',
          path: '/contact/webrtc',
          query: {},
          headers: {
            'content-type': 'application/json',
            authorization: `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20260101/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
            'x-amz-security-token': SESSION_TOKEN,
            'x-amz-date': '20260101T000000Z',
          },
          body: wireBody,
        },
        response: {
          status: 200,
          headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' },
          body: JSON.stringify({
            ContactId: 'c-1',
            ParticipantToken: PARTICIPANT_TOKEN,
            ConnectionData: { Attendee: { AttendeeId: 'a-1', JoinToken: JOIN_TOKEN } },
            Echo: NASTY,
          }),
        },
        networkError: undefined,
      },
      // An attempt whose body is not JSON, with raw control characters, and no answer.
      {
        request: { origin: 'http://127.0.0.1:4599', method: 'PUT', path: '/contact/webrtc', query: { q: ['a', 'b'], flag: null }, headers: {}, body: `not json ${NASTY}` },
        response: undefined,
        networkError: `reset ${NASTY}`,
      },
    ],
  };
  return {
    check: 'rejects-invalid',
    grade: 'finding',
    group: `finding: attribute-key-charset at /Attributes/*: accepted`,
    occurrences: 3,
    reason: `accepted a request that breaks attribute-key-charset ${NASTY}`,
    counterexample: { request, tag: { class: `attribute-key-charset/${NASTY}`, rule: 'attribute-key-charset', path: `/Attributes/${NASTY}`, note: NASTY } },
    exchange,
    replay: { seed: 12345, path: '3:1:0' },
    shrinks: 4,
    tag: { rule: 'attribute-key-charset', path: `/Attributes/${NASTY}`, class: `attribute-key-charset/${NASTY}` },
  };
}

const handcraftedResult = (): CheckResult => ({ check: 'rejects-invalid', status: 'failed', cases: 5, findings: [handcraftedFinding()], durationMs: 12 });

let target: EmulatorTarget;
let run: RunReport;
/** Everything secret that the run's exchanges actually carried, recorded from the raw (unredacted) findings. */
const recorded = { signatures: new Set<string>(), participantTokens: new Set<string>(), joinTokens: new Set<string>() };

function record(findings: readonly Finding[]) {
  for (const finding of findings) {
    for (const attempt of finding.exchange?.attempts ?? []) {
      const signature = /Signature=([0-9a-f]+)/.exec(attempt.request.headers.authorization ?? '')?.[1];
      if (signature) recorded.signatures.add(signature);
      if (attempt.response?.status !== 200) continue;
      const body = JSON.parse(attempt.response.body) as { ParticipantToken?: string; ConnectionData?: { Attendee?: { JoinToken?: string } } };
      if (body.ParticipantToken) recorded.participantTokens.add(body.ParticipantToken);
      const join = body.ConnectionData?.Attendee?.JoinToken;
      if (join) recorded.joinTokens.add(join);
    }
  }
}

beforeAll(async () => {
  target = await openEmulatorTarget({
    credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET }],
    ...withDefects(['accept-oversized-attributes', 'new-contact-on-replay', 'ignore-signature']),
  });
  run = await runConformance({ target, profile: defaultProfile, runs: 100, seed: SEED });
  record(run.results.flatMap((r) => r.findings));
  // One more signed, successful exchange on record, whatever the findings hold.
  const ok = await target.call('StartWebRTCContact', { InstanceId: target.instanceId, ContactFlowId: target.contactFlowId, ParticipantDetails: { DisplayName: 'r' } });
  expect(ok.ok).toBe(true);
  record([{ check: 'x', grade: 'finding', group: 'x', occurrences: 1, reason: '', counterexample: undefined, exchange: ok.exchange, replay: undefined, shrinks: 0 }]);
});
afterAll(async () => {
  await target?.close();
});

/** The run's report plus the handcrafted finding, as every reporter renders it. */
function reports(report: RunReport = { ...run, results: [...run.results, handcraftedResult()] }) {
  return { console: consoleReport(report, TARGET_ARGS), junit: junitReport(report, TARGET_ARGS), json: jsonReport(report, TARGET_ARGS) };
}

describe('the run against a defective emulator', () => {
  it('the target signed with the credentials the emulator was started with', () => {
    const authorization = run.results.flatMap((r) => r.findings).flatMap((f) => f.exchange?.attempts ?? []).map((a) => a.request.headers.authorization ?? '');
    expect(authorization.some((a) => a.includes(`Credential=${ACCESS_KEY_ID}/`))).toBe(true);
  });

  it('has findings of several kinds to render', () => {
    const failed = run.results.filter((r) => r.status === 'failed').map((r) => r.check);
    expect(failed).toEqual(expect.arrayContaining(['rejects-invalid', 'idempotent-replay', 'concurrent-duplicates', 'auth-enforced']));
    expect(exitStatus(run)).toBe(1);
    expect(recorded.signatures.size).toBeGreaterThan(0);
    expect(recorded.participantTokens.size).toBeGreaterThan(0);
    expect(recorded.joinTokens.size).toBeGreaterThan(0);
  });
});

describe('no secret in any report', () => {
  const all = () => Object.entries(reports());

  it('not the secret access key, nor the access key id', () => {
    for (const [kind, text] of all()) {
      expect(text, kind).not.toContain(SECRET);
      expect(text, kind).not.toContain(ACCESS_KEY_ID);
    }
  });

  it('not a signature the run sent, nor the handcrafted one', () => {
    for (const [kind, text] of all()) {
      for (const signature of [...recorded.signatures, SIGNATURE]) expect(text, kind).not.toContain(signature);
      // Reports print requests as curl that signs itself; the JSON keeps the redacted header too.
      expect(text, kind).toContain('--aws-sigv4');
      if (kind === 'json') expect(text, kind).toContain('Signature=<redacted>');
    }
  });

  it('not a ParticipantToken or JoinToken a success body carried', () => {
    for (const [kind, text] of all()) {
      for (const token of [...recorded.participantTokens, ...recorded.joinTokens, PARTICIPANT_TOKEN, JOIN_TOKEN]) expect(text, kind).not.toContain(token);
    }
  });

  it('not a session token', () => {
    for (const [kind, text] of all()) expect(text, kind).not.toContain(SESSION_TOKEN);
  });

  it('not a Description, whether in the counterexample or in the request sent', () => {
    for (const [kind, text] of all()) expect(text, kind).not.toContain('DESCRIPTION-MARKER');
  });

  it('the redacted members are still visible as redacted', () => {
    const json = reports().json;
    expect(json).toContain('"Description": "<redacted>"');
    expect(json).toMatch(/\\"ParticipantToken\\":\\"<redacted>\\"/);
  });
});

describe('JUnit XML', () => {
  it('is well-formed and free of characters XML 1.0 forbids, even with control characters and lone surrogates in a finding', () => {
    const xml = reports().junit;
    expect(illegalXmlChar.test(xml)).toBe(false);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const suite = root.children[0]!;
    expect(suite.name).toBe('testsuite');
    const cases = elements(root).filter((e) => e.name === 'testcase');
    expect(cases).toHaveLength(run.results.length + 1);
    const failures = cases.filter((c) => c.children.some((child) => child.name === 'failure'));
    expect(String(failures.length)).toBe(root.attributes.failures);
    expect(root.attributes.tests).toBe(String(run.results.length + 1));
    // What the escaping kept: the astral character, and the markup characters as text.
    const handcrafted = failures.at(-1)!.children.find((c) => c.name === 'failure')!;
    expect(handcrafted.text).toContain('emoji😀 amp& lt< cdata]]>');
    expect(handcrafted.attributes.message).toContain('emoji😀 amp& lt< cdata]]> quote" apos\'');
    expect(suite.children.find((c) => c.name === 'properties')!.children.map((p) => p.attributes.name)).toEqual(['target', 'region', 'seed', 'runs', 'phases', 'profile', 'strict']);
    // Named by the kind of target, not its URL: the same suite from run to run.
    expect(suite.attributes.name).toBe('conformance: emulator');
  });

  it('the run alone is well-formed too', () => {
    expect(() => parseXml(reports(run).junit)).not.toThrow();
  });

  it('the checker refuses what is not well-formed (so the tests above can fail)', () => {
    const bad = [
      '<a><b></a></b>',
      '<a>',
      '<a/><b/>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a x="<"/>',
      '<a>&nbsp;</a>',
      '<a>&#0;</a>',
      '<a>x & y</a>',
      '<a>]]></a>',
      '<a>\u0000</a>',
      '<a>\ud800</a>',
      '<a>\uffff</a>',
      'text<a/>',
    ];
    for (const xml of bad) expect(() => parseXml(xml), JSON.stringify(xml)).toThrow(XmlError);
    expect(parseXml('<?xml version="1.0"?>\n<a k="&lt;&amp;&#x1F600;">t &gt; <b/>😀</a>\n').text).toBe('t > 😀');
  });
});

describe('JSON report', () => {
  it('parses, and carries every check and finding', () => {
    const parsed = JSON.parse(reports().json) as { seed: number; results: { check: string; status: string; findings: { check: string; replay?: unknown; replayCommand: string }[] }[] };
    expect(parsed.seed).toBe(SEED);
    expect(parsed.results.map((r) => r.check)).toEqual([...run.results.map((r) => r.check), 'rejects-invalid']);
    expect(parsed.results.flatMap((r) => r.findings)).toHaveLength(run.results.reduce((n, r) => n + r.findings.length, 0) + 1);
  });

  it('keeps lone surrogates and control characters as JSON escapes (the text is valid UTF-16 throughout)', () => {
    const json = reports().json;
    expect(json).not.toMatch(/[\u0000-\u001f](?<![\n])/);
    expect(isWellFormed(json)).toBe(true);
    expect(json).toContain('\\ud800');
  });
});

describe('replay commands', () => {
  it('each property finding is printed with --check, --seed and --path, after the target flags', () => {
    const { console: text, junit, json } = reports();
    const parsed = JSON.parse(json) as { results: { findings: { check: string; replay?: { seed: number; path: string }; replayCommand: string }[] }[] };
    const findings = parsed.results.flatMap((r) => r.findings);
    const replayable = findings.filter((f) => f.replay);
    expect(replayable.length).toBeGreaterThanOrEqual(4);
    for (const f of replayable) {
      // A coverage case is the same at every seed: its replay needs no --seed.
      const seed = f.replay!.path.startsWith('coverage:') ? '' : ` --seed ${f.replay!.seed}`;
      const command = `npx connect-harness conformance ${TARGET_ARGS.join(' ')} --check ${f.check}${seed} --path '${f.replay!.path}'`;
      expect(f.replayCommand).toBe(command);
      expect(text).toContain(`replay: ${command}`);
      // In XML the quotes around the path are escaped, and come back on parsing.
      expect(elements(parseXml(junit)).map((e) => e.text).join('\n')).toContain(`replay: ${command}`);
    }
    // auth-enforced is no property: it replays by name alone.
    for (const f of findings.filter((x) => !x.replay)) {
      expect(f.replayCommand).toBe(`npx connect-harness conformance ${TARGET_ARGS.join(' ')} --check ${f.check}`);
    }
  });

  it('the console summary lists every check with its status', () => {
    const text = reports(run).console;
    for (const result of run.results) expect(text).toMatch(new RegExp(`^  ${result.check}\\s+(ok  |FAIL|skip|ERR )`, 'm'));
    expect(text).toContain(`seed ${SEED}`);
  });
});

describe('durations in the JSON report', () => {
  it('are milliseconds to 0.1 ms: no float noise, wherever a duration is', () => {
    const noisy: RunReport = {
      ...run,
      durationMs: 457.489858,
      results: [{ ...handcraftedResult(), durationMs: 12.34567 }],
      probes: [{ name: 'concurrency', ok: true, summary: 's', metrics: { total: 3, ratePerSecond: 440.512345, p50: 0.123456 }, durationMs: 4540.46789 }],
    };
    const json = JSON.parse(jsonReport(noisy, [])) as {
      durationMs: number;
      results: { durationMs: number; findings: { exchange: { durationMs: number } }[] }[];
      probes: { durationMs: number; metrics: Record<string, number> }[];
    };
    expect(json.durationMs).toBe(457.5);
    expect(json.results[0]!.durationMs).toBe(12.3);
    expect(json.results[0]!.findings[0]!.exchange.durationMs).toBe(roundedTo10th(handcraftedFinding().exchange!.durationMs));
    expect(json.probes[0]).toMatchObject({ durationMs: 4540.5, metrics: { total: 3, ratePerSecond: 440.5, p50: 0.1 } });
  });
});

function roundedTo10th(ms: number): number {
  return Math.round(ms * 10) / 10;
}
