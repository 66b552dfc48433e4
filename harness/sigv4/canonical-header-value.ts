// Speed-tuned: guarded by `npm run bench -- sigv4`.
// A header value as it enters the canonical request, trimmed the way @smithy/signature-v4 trims
// it: CR and LF become spaces, runs of spaces and tabs collapse to one space, one leading and one
// trailing space go. Other whitespace (form feed, vertical tab, no-break space) is kept as it is.

const NEEDS_WORK = /[\r\n\t]| {2}|^ | $/;

export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_WORK.test(value)) return value; // the common case, and the hot path of the verifier
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}
