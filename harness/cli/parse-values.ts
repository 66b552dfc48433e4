// Every option value is checked here, before anything starts, and refused with a message that names
// the option, says what it accepts and repeats what it got: "--runs must be a positive integer, got -5".
import { allPhases, type Phase } from '../conformance/check.ts';
import { UsageError } from './command.ts';

/** Decimal notation only: Number() would also take "0x10", "1e3", " 5" and "" (as 0). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A numeric flag value, or undefined when the flag was not given. */
export function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!DECIMAL.test(text)) throw new UsageError(`${flag} must be a number, got "${text}"`);
  return Number(text);
}

/** A whole number (positive, zero or negative), e.g. a seed. */
export function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} must be an integer, got ${text}`);
  return n;
}

/** A count flag: a whole number of at least 1, or undefined when not given. */
export function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\+?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= 1)) throw new UsageError(`${flag} must be a positive integer, got ${text}`);
  return n;
}

/** A bound that 0 switches off: a whole number of at least 0, or undefined when not given. */
export function wholeNumber(flag: string, text: string | undefined): number | undefined {
  const n = number(flag, text);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new UsageError(`${flag} must be a whole number, 0 for no bound, got "${text}"`);
  return n;
}

/** A rate or size that may be fractional but must be above 0. */
export function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(n > 0 && Number.isFinite(n))) throw new UsageError(`${flag} must be a positive number, got ${text}`);
  return n;
}

/** A share of something: 0 to 1, both included. */
export function fraction(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`${flag} must be a number from 0 to 1, got ${text}`);
  return n;
}

/** A TCP port: 0 (any free one) to 65535. */
export function port(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isInteger(n) && n <= 65535)) throw new UsageError(`${flag} must be a port from 0 (any free one) to 65535, got ${text}`);
  return n;
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/**
 * A duration, returned in milliseconds: a bare number of seconds ("90", "1.5") or a number with a
 * unit ("500ms", "90s", "2m", "1h"). Never negative or zero.
 */
export function duration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/.exec(text);
  const ms = m ? Number(m[1]) * UNIT_MS[(m[2] ?? 's') as keyof typeof UNIT_MS] : Number.NaN;
  if (!(ms > 0 && Number.isFinite(ms))) throw new UsageError(`${flag} must be a duration above 0: seconds (30), or with a unit (500ms, 30s, 5m, 1h), got ${text}`);
  return ms;
}

/** A duration flag in seconds (the older name; every duration flag takes units now), returned in milliseconds. */
export const seconds = duration;

/** An http:// or https:// URL; anything else (ftp://, a bare host) is refused naming the flag. */
export function httpUrl(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${flag} must be an http:// or https:// URL such as http://127.0.0.1:4599, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be an http:// or https:// URL (not ${url.protocol}//), got "${text}"`);
  if (url.username || url.password) throw new UsageError(`${flag} must not carry credentials in the URL; they come from the AWS default provider chain`);
  return text;
}

/** The shape every AWS region name has: us-east-1, eu-west-2, us-gov-west-1, cn-north-1. */
export function region(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(text)) throw new UsageError(`${flag} must be an AWS region such as us-east-1, got "${text}"`);
  return text;
}

/** A value that may be anything but empty (an id, a name). */
export function nonEmpty(flag: string, text: string | undefined, max?: number): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw new UsageError(`${flag} must not be empty`);
  if (max !== undefined && [...text].length > max) throw new UsageError(`${flag} must be at most ${max} characters, got ${[...text].length}`);
  return text;
}

/** `--phases coverage,random`: the phases in run order, or undefined when not given. */
export function phasesOf(text: string | undefined): Phase[] | undefined {
  if (text === undefined) return undefined;
  const phases = text.split(',').map((p) => p.trim());
  const unknown = phases.filter((p) => !(allPhases as readonly string[]).includes(p));
  if (unknown.length || phases.length === 0) throw new UsageError(`--phases must be coverage, random or coverage,random; got "${text}"`);
  return allPhases.filter((p) => phases.includes(p));
}
