// Speed-tuned: guarded by `npm run bench -- emulator`.
//
// JSON.parse keeps the last of two equal keys in one object and says nothing; the contract says a
// body with duplicate keys gets a clean 400 (which member would a service use?). This scan finds
// them in text that JSON.parse has already accepted, so it only has to track strings and nesting.
//
// Every request body goes through this, and almost none repeats a key, so the common case is
// answered first by counting (hasRepeatedKeys): the members the text writes against the members
// the parsed value kept, which differ exactly when some object repeats a key. That allocates
// nothing; firstDuplicateKey (a Set of keys per object) then runs only to name the repeated key.
// duplicate-keys.test.ts checks the count against firstDuplicateKey.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isEscaped(json: string, quote: number): boolean {
  let backslashes = 0;
  for (let j = quote - 1; j >= 0 && json.charCodeAt(j) === BACKSLASH; j--) backslashes++;
  return backslashes % 2 === 1;
}

/** The first key that appears twice in one object of `json` (valid JSON text), or undefined. */
export function firstDuplicateKey(json: string): string | undefined {
  const objects: (Set<string> | null)[] = []; // null marks an array level
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      // Jump from quote to quote (indexOf runs natively) instead of walking every character of
      // what may be a 32 KB value; a quote preceded by an odd run of backslashes is escaped.
      let end = json.indexOf('"', i + 1);
      while (end > 0 && isEscaped(json, end)) end = json.indexOf('"', end + 1);
      if (end < 0) return undefined; // cannot happen in text JSON.parse accepted
      const keys = objects[objects.length - 1];
      if (expectKey && keys) {
        const raw = json.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(json.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      objects.push(null);
      expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      objects.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = objects[objects.length - 1] != null;
    }
  }
  return undefined;
}

/** The members the objects of `json` (valid JSON text) write, a repeated key counted each time. */
function membersWritten(json: string): number {
  let n = 0;
  for (let i = json.indexOf('"'); i >= 0; ) {
    let end = json.indexOf('"', i + 1);
    while (end > 0 && isEscaped(json, end)) end = json.indexOf('"', end + 1);
    if (end < 0) return -1; // cannot happen in text JSON.parse accepted
    // A string followed by ':' (after JSON's whitespace) is a key; any other is a value.
    let j = end + 1;
    let c = json.charCodeAt(j);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = json.charCodeAt(++j);
    if (c === COLON) n++;
    i = json.indexOf('"', end + 1);
  }
  return n;
}

/** The members the objects of a parsed value hold (walked with a stack: JSON may nest deeper than the call stack). */
function membersKept(root: unknown): number {
  let n = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    const object = value as Record<string, unknown>;
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      n++;
      const member = object[key];
      if (typeof member === 'object' && member !== null) pending.push(member);
    }
  }
  return n;
}

/** Whether some object of `json` repeats a key, given `parsed`, what JSON.parse made of `json`. */
export function hasRepeatedKeys(json: string, parsed: unknown): boolean {
  return membersWritten(json) !== membersKept(parsed);
}
