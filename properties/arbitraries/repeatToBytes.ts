import { utf8Bytes } from './utf8Bytes.ts';

/**
 * A string of exactly `bytes` UTF-8 bytes: as many copies of `char` as fit, then 1-byte `pad`
 * characters for the remainder (fewer than char's width). Code points: floor(bytes/w) + bytes mod w.
 */
export function repeatToBytes(bytes: number, char: string, pad = 'a'): string {
  if (utf8Bytes(pad) !== 1) throw new RangeError('repeatToBytes: pad must be one byte');
  const width = utf8Bytes(char);
  const copies = Math.floor(bytes / width);
  return char.repeat(copies) + pad.repeat(bytes - copies * width);
}
