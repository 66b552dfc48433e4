/** The ASCII characters (U+0000..U+007F) for which `test` holds, in code point order. */
export function asciiMatching(test: (c: string) => boolean): readonly string[] {
  const out: string[] = [];
  for (let cp = 0; cp < 0x80; cp++) {
    const c = String.fromCharCode(cp);
    if (test(c)) out.push(c);
  }
  return out;
}
