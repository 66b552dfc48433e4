// JSON.parse keeps the last of two equal keys in one object and says nothing; the contract says a
// body with duplicate keys gets a clean 400 (which member would a service use?). This scan finds
// them in text that JSON.parse has already accepted, so it only has to track strings and nesting.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

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
