import { readFile } from 'node:fs/promises';
import { UsageError } from './command.ts';

/** Bytes of FILE, or of stdin for "-" or no argument. Unreadable input is a UsageError (exit 2). */
export async function readInputBytes(file: string | undefined, stdin: () => Promise<Buffer>): Promise<Buffer> {
  if (file === undefined || file === '-') return stdin();
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}
