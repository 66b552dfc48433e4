// Proof that the suite can fail: the conformance runner against emulators carrying one deliberate
// defect each (test/support/defects.ts). The right check must fail, with a shrunk counterexample
// that still breaks its tagged rule and a seed and path that replay exactly that case; the other
// checks must hold; and the same runs against a clean emulator must raise no alarm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Finding } from '../../harness/conformance/check.ts';
import { allChecks } from '../../harness/conformance/checks/index.ts';
import { exitStatus, runConformance } from '../../harness/conformance/runner.ts';
import { defaultProfile, validate } from '../../harness/contract/index.ts';
import { defects, withDefects, type Defect } from '../support/defects.ts';
import { lastResponse } from '../../harness/targets/exchange.ts';
import { openEmulatorTarget, type EmulatorTarget } from '../../harness/targets/emulator-target.ts';

/** Fixed, so every run of this file sends the very same cases. */
const SEED = 20_240_611;
/**
 * Cases for the check that must catch the defect. The invalid generator picks one of 13 rules, then
 * one of its 82 tag classes: a missing DisplayName is about 1 case in 75, so 400 cases meet it
 * with near certainty (and a failing run stops at the first failure anyway).
 */
const DETECT_RUNS = 400;
/** Cases per property check for the checks that must keep holding. */
const OTHER_RUNS = 100;

const required = ['InstanceId', 'ContactFlowId', 'ParticipantDetails'];

interface Expectation {
  readonly defect: Defect;
  /** The checks that must fail, and only these. */
  readonly checks: readonly string[];
  /** For tagged invalid cases: the rule and a matcher for the path the counterexample must still break. */
  readonly tag?: { readonly rule: string; readonly path: RegExp };
  /** Members a shrunk counterexample keeps besides the required ones. */
  readonly members?: readonly string[];
}

const expectations: readonly Expectation[] = [
  { defect: 'accept-oversized-attributes', checks: ['rejects-invalid'], tag: { rule: 'attribute-byte-budget', path: /^\/Attributes$/ }, members: ['Attributes'] },
  { defect: 'accept-attachment-at-creation', checks: ['rejects-invalid'], tag: { rule: 'reference-type-at-creation', path: /^\/References\/.*\/Type$/ }, members: ['References'] },
  // The ClientToken is chosen at send time (fresh for every send), so the counterexample is the bare minimum.
  { defect: 'new-contact-on-replay', checks: ['idempotent-replay', 'concurrent-duplicates'], members: [] },
  { defect: 'missing-display-name-500', checks: ['rejects-invalid'], tag: { rule: 'required', path: /^\/ParticipantDetails\/DisplayName$/ }, members: [] },
  { defect: 'ignore-signature', checks: ['auth-enforced'] },
];

const propertyCheckNames = new Set(allChecks.filter((c) => c.property).map((c) => c.name));

function resultOf(results: readonly CheckResult[], name: string): CheckResult {
  const result = results.find((r) => r.check === name);
  if (!result) throw new Error(`no result for ${name}`);
  return result;
}

/** The request a finding's counterexample carries: tagged invalid cases wrap it with their tag. */
function requestOf(finding: Finding): Record<string, unknown> {
  const ce = finding.counterexample as Record<string, unknown>;
  return (finding.tag ? ce.request : ce) as Record<string, unknown>;
}

it('every defect the emulator offers is exercised here', () => {
  expect(expectations.map((e) => e.defect).sort()).toEqual([...defects].sort());
});

describe.each(expectations)('defect $defect', ({ defect, checks, tag, members }) => {
  let target: EmulatorTarget;
  let detected: readonly CheckResult[];

  beforeAll(async () => {
    target = await openEmulatorTarget(withDefects([defect]));
    // The random phase alone: what is proven here is generation, shrinking and replay by seed and
    // path (the coverage phase catches these defects too, see broken/).
    detected = (await runConformance({ target, profile: defaultProfile, runs: DETECT_RUNS, seed: SEED, checks, phases: ['random'] })).results;
  });
  afterAll(async () => {
    await target?.close();
  });

  it(`is caught by ${checks.join(' and ')}`, () => {
    for (const name of checks) {
      const result = resultOf(detected, name);
      expect(result.status, `${name}: ${result.note ?? ''}`).toBe('failed');
      // One defect is one group (rule, site, kind of answer) for a property check; auth-enforced has
      // one finding per variant.
      if (propertyCheckNames.has(name)) expect(result.findings.map((f) => f.group)).toHaveLength(1);
      else expect(result.findings.length).toBeGreaterThan(0);
      for (const finding of result.findings) expect(finding.check).toBe(name);
    }
  });

  it('the finding carries a minimal counterexample, the wire exchange and (for property checks) a seed and path', () => {
    for (const name of checks) {
      const finding = resultOf(detected, name).findings[0]!;
      expect(finding.exchange, name).toBeDefined();
      expect(finding.exchange!.attempts.length).toBeGreaterThan(0);
      if (propertyCheckNames.has(name)) {
        expect(finding.replay).toEqual({ seed: SEED, path: expect.stringMatching(/^\d+(:\d+)*$/) });
        // Found on a generated case with many members, then shrunk: the defect is what is left.
        expect(finding.shrinks, name).toBeGreaterThan(0);
        const request = requestOf(finding);
        expect(Object.keys(request).sort(), name).toEqual([...required, ...(members ?? [])].sort());
      } else {
        expect(finding.replay).toBeUndefined();
        expect(finding.shrinks).toBe(0);
      }
    }
  });

  if (tag) {
    it(`the shrunk counterexample still breaks ${tag.rule} at its tagged path`, () => {
      const finding = resultOf(detected, checks[0]!).findings[0]!;
      expect(finding.tag?.rule).toBe(tag.rule);
      expect(finding.tag?.path).toMatch(tag.path);
      const violations = validate(requestOf(finding));
      expect(violations).toContainEqual(expect.objectContaining({ rule: tag.rule, path: finding.tag!.path }));
      // It is the defect that made it fail, not some other rule riding along.
      expect(new Set(violations.map((v) => v.rule))).toEqual(new Set([tag.rule]));
      expect(finding.reason).toContain(tag.rule);
    });
  }

  const replayable = checks.filter((name) => propertyCheckNames.has(name));
  if (replayable.length > 0) {
    it('replaying the printed seed and path reproduces exactly that finding', async () => {
      for (const name of replayable) {
        const finding = resultOf(detected, name).findings[0]!;
        const again = await runConformance({ target, profile: defaultProfile, runs: DETECT_RUNS, seed: finding.replay!.seed, path: finding.replay!.path, checks: [name] });
        const result = resultOf(again.results, name);
        expect(result.status).toBe('failed');
        expect(result.cases, 'a replay runs the one case').toBe(1);
        const replayed = result.findings[0]!;
        expect(replayed.counterexample).toEqual(finding.counterexample);
        expect(replayed.reason).toBe(finding.reason);
        expect(replayed.tag).toEqual(finding.tag);
        expect(replayed.replay).toEqual(finding.replay);
      }
    });

    it('the same replay against an emulator without the defect passes, in one case', async () => {
      const fixed = await openEmulatorTarget();
      try {
        for (const name of replayable) {
          const { seed, path } = resultOf(detected, name).findings[0]!.replay!;
          const result = resultOf((await runConformance({ target: fixed, profile: defaultProfile, runs: DETECT_RUNS, seed, path, checks: [name] })).results, name);
          expect(result.status, `${name}: ${result.findings[0]?.reason ?? ''}`).toBe('passed');
          expect(result.cases).toBe(1);
        }
      } finally {
        await fixed.close();
      }
    });
  }

  it('the other checks still hold', async () => {
    const others = allChecks.map((c) => c.name).filter((name) => !checks.includes(name));
    const report = await runConformance({ target, profile: defaultProfile, runs: OTHER_RUNS, seed: SEED, checks: others });
    for (const result of report.results) {
      expect(result.status, `${result.check}: ${result.findings[0]?.reason ?? result.note ?? ''}`).toBe('passed');
    }
    expect(report.results.map((r) => r.check)).toEqual(others);
    expect(exitStatus(report)).toBe(0);
  });

  // What each defect looks like on the wire, so a check passing for the wrong reason is noticed.
  if (defect === 'missing-display-name-500') {
    it('the exchange shows the 500 answer to a request without a DisplayName', () => {
      const finding = resultOf(detected, 'rejects-invalid').findings[0]!;
      expect(finding.reason).toMatch(/\b500\b/);
      expect(finding.reason).toContain('expected a 4xx');
      const response = lastResponse(finding.exchange!);
      expect(response?.status).toBe(500);
      expect(response?.headers['x-amzn-errortype']).toBe('InternalServiceException');
      const sent = JSON.parse(finding.exchange!.attempts.at(-1)!.request.body) as { ParticipantDetails?: Record<string, unknown> };
      expect(sent.ParticipantDetails && Object.hasOwn(sent.ParticipantDetails, 'DisplayName') && typeof sent.ParticipantDetails.DisplayName === 'string').toBe(false);
    });
  }
  if (defect === 'accept-oversized-attributes' || defect === 'accept-attachment-at-creation') {
    it('the exchange shows the invalid request accepted with 200', () => {
      const finding = resultOf(detected, 'rejects-invalid').findings[0]!;
      expect(finding.reason).toMatch(/^accepted a request that breaks/);
      expect(lastResponse(finding.exchange!)?.status).toBe(200);
    });
  }
  if (defect === 'new-contact-on-replay') {
    it('the findings say a second contact was started', () => {
      expect(resultOf(detected, 'idempotent-replay').findings[0]!.reason).toContain('different ContactId');
      expect(resultOf(detected, 'concurrent-duplicates').findings[0]!.reason).toMatch(/created \d+ contacts/);
    });
  }
  if (defect === 'ignore-signature') {
    it('wrong-secret, unknown-key and clock-skewed requests were accepted; an unsigned one was still refused', () => {
      const findings = resultOf(detected, 'auth-enforced').findings;
      const variants = findings.map((f) => (f.counterexample as { auth: string }).auth).sort();
      expect(variants).toEqual(['skewed-clock', 'unknown-key', 'wrong-secret']);
      for (const f of findings) expect(f.reason).toMatch(/request was accepted$/);
    });
  }
});

describe('the clean emulator', () => {
  let target: EmulatorTarget;
  beforeAll(async () => {
    target = await openEmulatorTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('passes every check with the seed and size the defects were caught at (no false alarm)', async () => {
    const report = await runConformance({ target, profile: defaultProfile, runs: OTHER_RUNS, seed: SEED, phases: ['random'] });
    expect(report.results.map((r) => r.check)).toEqual(allChecks.map((c) => c.name));
    for (const result of report.results) expect(result.status, `${result.check}: ${result.findings[0]?.reason ?? result.note ?? ''}`).toBe('passed');
    expect(exitStatus(report)).toBe(0);
  });

  it('passes the detecting checks at their detection size', async () => {
    const checks = [...new Set(expectations.flatMap((e) => e.checks))];
    const report = await runConformance({ target, profile: defaultProfile, runs: DETECT_RUNS, seed: SEED, checks, phases: ['random'] });
    for (const result of report.results) {
      expect(result.status, `${result.check}: ${result.findings[0]?.reason ?? result.note ?? ''}`).toBe('passed');
      expect(result.cases).toBeGreaterThan(0);
    }
  });
});
