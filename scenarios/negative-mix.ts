// Negative mix: every request of a corpus written by `connect-harness corpus` (valid and invalid,
// each with the outcome it must get) is sent once, and each answer is judged against its
// expectation. A different verdict is a webrtc_expectation_mismatches sample.
//
// CORPUS is opened here, in the entry script, so a relative path is resolved against this file's
// directory (scenarios/); an absolute path is the unsurprising choice.
import { check } from 'k6';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import { k6Metrics, tagKeys } from '../harness/contract/metric-names.ts';
import { checkNames } from './lib/check-names.ts';
import { classifyStart } from './lib/classify.ts';
import { prepareCorpus, type PreparedCase } from './lib/corpus.ts';
import { settings } from './lib/env.ts';
import { judge, ruleTag } from './lib/expectation.ts';
import { noDroppedIterations } from './lib/evidence.ts';
import { expectationMismatches, expectationsJudged, outcomeTags } from './lib/metrics.ts';
import { scenarioOptions } from './lib/options.ts';
import { paceRequest } from './lib/pacing.ts';
import { preflight, scenarioRunning } from './lib/preflight.ts';
import { negativeMixScenario } from './lib/profiles.ts';
import { recordStart } from './lib/record-start.ts';
import { rawStartRequest } from './lib/start-request.ts';
import { countStartedContact, releaseStartedContact } from './lib/started-contact.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'negative_mix';
const corpusPath = settings.corpusPath;
if (corpusPath === undefined) {
  throw new Error('negative-mix needs CORPUS=/path/to/corpus.json (write one with: npx connect-harness corpus --seed 1 --count 200 --out corpus.json)');
}
// Parsed and serialised once for all VUs; an iteration reads one prepared case.
const corpus = new SharedArray<PreparedCase>('negative-mix corpus', () => prepareCorpus(JSON.parse(open(corpusPath))));
const scenario = negativeMixScenario(settings, 'negativeMix', corpus.length);

// A mismatch rate with no samples passes: at least one entry must have been judged, and none dropped.
export const options = scenarioOptions(
  { [SCENARIO]: scenario },
  { [k6Metrics.expectationMismatches]: ['rate==0'], checks: ['rate==1'], [k6Metrics.expectationsJudged]: ['count>0'], ...noDroppedIterations },
);

interface NegativeMixData {
  /** VUs in force: pacing divides the rate cap among them. */
  readonly vus: number;
}

export function setup(): NegativeMixData {
  const scenarios = preflight({ negativeMix: { requestsPerIteration: 1, paced: true } });
  return { vus: scenarioRunning(scenarios, 'negativeMix').vus ?? 1 };
}

export function negativeMix(data: NegativeMixData): void {
  const startedAt = Date.now();
  const entry = corpus[exec.scenario.iterationInTest % corpus.length]!;
  const rule = { [tagKeys.rule]: ruleTag(entry.expected) };
  const req = rawStartRequest(entry.body);
  const result = classifyStart(http.request(req.method, req.url, req.body, req.params));
  recordStart(SCENARIO, result, rule, false);
  const verdict = judge(entry.expected, result);
  if (check(verdict, { [checkNames.judged]: (v) => v.judged }) && verdict.judged) {
    const tags = outcomeTags(SCENARIO, result.outcome, result.errorTag, rule);
    expectationsJudged.add(1, tags);
    expectationMismatches.add(!verdict.matched, tags);
    check(verdict, { [checkNames.matchesExpectation]: (v) => v.matched });
  }
  if (result.contactId !== undefined) {
    countStartedContact(SCENARIO, result.contactId, rule);
    releaseStartedContact(result.contactId);
  }
  paceRequest(startedAt, data.vus);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs('negative-mix', data, { options });
}
