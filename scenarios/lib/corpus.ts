// The negative-mix corpus as `connect-harness corpus` writes it (harness/cli/commands/corpus.ts;
// the shape is restated here because that module is Node code k6 cannot load), prepared once in
// the init context: each request serialised to its body, so iterations never stringify.

export type Expected =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'rejected'; readonly rules: readonly string[]; readonly allowedErrors: readonly string[]; readonly status: number };

export interface CorpusEntry {
  readonly id: number;
  readonly kind: 'valid' | 'invalid';
  readonly request: unknown;
  readonly expected: Expected;
}

export interface PreparedCase {
  readonly id: number;
  readonly body: string;
  readonly expected: Expected;
}

function isExpected(value: unknown): value is Expected {
  const e = value as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null) return false;
  if (e.outcome === 'accepted') return true;
  return e.outcome === 'rejected' && Array.isArray(e.allowedErrors) && Array.isArray(e.rules) && typeof e.status === 'number';
}

export function prepareCorpus(parsed: unknown): PreparedCase[] {
  if (!Array.isArray(parsed) || parsed.length === 0) throw new Error('the corpus must be a non-empty JSON array (write one with connect-harness corpus)');
  return parsed.map((entry: unknown, index) => {
    const e = entry as Partial<CorpusEntry> | null;
    if (typeof e !== 'object' || e === null || !('request' in e) || !isExpected(e.expected)) {
      throw new Error(`corpus entry ${index} is not {id, kind, request, expected}`);
    }
    return { id: typeof e.id === 'number' ? e.id : index, body: JSON.stringify(e.request), expected: e.expected };
  });
}
