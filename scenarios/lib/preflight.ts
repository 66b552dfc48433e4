// setup()'s first step in every scenario: read the options in force (exec.test.options, which k6
// gives only outside the init context), refuse a real-AWS run whose options break the rails with
// exec.test.abort (exit code 108, before any request: setup runs before every iteration), and hand
// the scenarios in force to the caller, which derives from them what its iterations need (capacity
// steps, spike phases, the VUs pacing divides by) and returns it as setup data.
import exec from 'k6/execution';
import { settings } from './env.ts';
import { scenariosInForce, type ScenarioInForce } from './in-force.ts';
import { railsViolation, type ExecSpec } from './rails.ts';

/** Aborts the whole test run with one line (k6 prints "test aborted: <reason>" and exits 108). */
export function abortRun(reason: string): never {
  exec.test.abort(reason);
  // exec.test.abort interrupts the script in k6; the throw only satisfies the type checker.
  throw new Error(reason);
}

/** The scenarios in force, after the rails are checked (a real-AWS run that breaks them never returns). */
export function preflight(execs: Readonly<Record<string, ExecSpec>>): ScenarioInForce[] {
  const scenarios = scenariosInForce(exec.test.options);
  if (settings.rails !== undefined) {
    const violation = railsViolation(scenarios, settings.rails, execs);
    if (violation !== undefined) abortRun(violation);
  }
  return scenarios;
}

/** The scenario in force that runs `execName`; aborts when there is none (the options were replaced). */
export function scenarioRunning(scenarios: readonly ScenarioInForce[], execName: string): ScenarioInForce {
  const found = scenarios.find((s) => s.exec === execName);
  if (found === undefined) abortRun(`no scenario in force runs "${execName}" (options in force: ${scenarios.map((s) => `${s.name} → ${s.exec}`).join(', ') || 'none'}); was the scenario replaced by an --iterations/--duration/--vus override?`);
  return found;
}
