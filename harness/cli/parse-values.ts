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
