import { allPhases, type Phase } from '../conformance/check.ts';
import { UsageError } from './command.ts';

/** A numeric flag value, or undefined when the flag was not given. */
export function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} expects a number, got "${text}"`);
  return n;
}

/** A duration flag in seconds, returned in milliseconds. */
export function seconds(flag: string, text: string | undefined): number | undefined {
  const n = number(flag, text);
  return n === undefined ? undefined : n * 1000;
}

/** A count flag: a whole number of at least 1, or undefined when not given. */
export function positiveInteger(flag: string, text: string | undefined): number | undefined {
  const n = number(flag, text);
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new UsageError(`${flag} must be a whole number of at least 1, got "${text}"`);
  return n;
}

/** A bound that 0 switches off: a whole number of at least 0, or undefined when not given. */
export function wholeNumber(flag: string, text: string | undefined): number | undefined {
  const n = number(flag, text);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new UsageError(`${flag} must be a whole number, 0 for no bound, got "${text}"`);
  return n;
}

/** `--phases coverage,random`: the phases in run order, or undefined when not given. */
export function phasesOf(text: string | undefined): Phase[] | undefined {
  if (text === undefined) return undefined;
  const phases = text.split(',').map((p) => p.trim());
  const unknown = phases.filter((p) => !(allPhases as readonly string[]).includes(p));
  if (unknown.length || phases.length === 0) throw new UsageError(`--phases takes coverage, random or coverage,random; got "${text}"`);
  return allPhases.filter((p) => phases.includes(p));
}
