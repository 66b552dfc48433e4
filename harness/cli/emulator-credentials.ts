// The key pairs the emulator accepts, from three places: `--credentials` (on the command line, so
// readable by every local user through `ps`: for throwaway local keys), `--credentials-file PATH`
// and the EMULATOR_CREDENTIALS environment variable (readable only by the same user and root). Not
// AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: a shell that talks to real AWS has those set, and the
// emulator would silently start accepting a real key (and stop accepting test:test).
//
// Every entry is KEY:SECRET[:ACCOUNT]. A mistake is reported naming where it was (the flag, the
// file and line, the variable and entry) and the key, never the secret.
import { readFile } from 'node:fs/promises';
import type { Credential } from '../emulator/options.ts';
import { UsageError } from './command.ts';

export const CREDENTIALS_VARIABLE = 'EMULATOR_CREDENTIALS';

export interface CredentialSources {
  /** `--credentials` values, in order. */
  readonly flags: readonly string[];
  /** `--credentials-file` */
  readonly file: string | undefined;
  /** The environment EMULATOR_CREDENTIALS is read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface GivenCredentials {
  /** Undefined when no source gave any: the emulator's default key pair applies. */
  readonly credentials: Credential[] | undefined;
  /** Where they came from, for the start-up banner (no keys, no secrets). */
  readonly from: readonly string[];
}

function parseEntry(text: string, where: string): Credential {
  const parts = text.split(':');
  const [accessKeyId, secretAccessKey, accountId] = parts;
  // Only what stands before the first colon is shown: without a colon the whole entry may be a secret.
  const shown = parts.length > 1 ? ` "${accessKeyId}:…"` : '';
  if (!accessKeyId || !secretAccessKey || parts.length > 3) throw new UsageError(`${where}${shown}: expected KEY:SECRET[:ACCOUNT]`);
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new UsageError(`${where}${shown}: ACCOUNT must be 12 digits`);
  return accountId === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, accountId };
}

async function fromFile(file: string): Promise<Credential[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new UsageError(`--credentials-file ${file}: cannot read it (${why})`);
  }
  const credentials: Credential[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) credentials.push(parseEntry(line, `--credentials-file ${file}: line ${i + 1}`));
  });
  // An empty file is a mistake (a secret not mounted, a wrong path): the default test:test must not
  // quietly take its place.
  if (credentials.length === 0) throw new UsageError(`--credentials-file ${file}: no KEY:SECRET[:ACCOUNT] line in it`);
  return credentials;
}

function fromVariable(value: string): Credential[] {
  return value.split(/[\s,]+/).filter((entry) => entry !== '').map((entry, i) => parseEntry(entry, `${CREDENTIALS_VARIABLE}: entry ${i + 1}`));
}

/** Every key pair the three sources give, each key once; a key given twice must have one secret and account. */
export async function emulatorCredentials(sources: CredentialSources): Promise<GivenCredentials> {
  const all: { credential: Credential; from: string }[] = [];
  const from: string[] = [];
  const add = (credentials: readonly Credential[], source: string) => {
    if (credentials.length === 0) return;
    from.push(source);
    for (const credential of credentials) all.push({ credential, from: source });
  };
  add(sources.flags.map((text) => parseEntry(text, '--credentials')), '--credentials');
  if (sources.file !== undefined) add(await fromFile(sources.file), `--credentials-file ${sources.file}`);
  const variable = sources.env.EMULATOR_CREDENTIALS; // CREDENTIALS_VARIABLE, spelled out for docs/environment.md's test
  // Empty counts as unset, as `${EMULATOR_CREDENTIALS:-}` in a compose file gives it.
  if (variable !== undefined && variable.trim() !== '') add(fromVariable(variable), CREDENTIALS_VARIABLE);
  const byKey = new Map<string, { credential: Credential; from: string }>();
  for (const entry of all) {
    const seen = byKey.get(entry.credential.accessKeyId);
    if (seen && (seen.credential.secretAccessKey !== entry.credential.secretAccessKey || seen.credential.accountId !== entry.credential.accountId)) {
      throw new UsageError(`key "${entry.credential.accessKeyId}" is given twice, differently (${seen.from} and ${entry.from})`);
    }
    byKey.set(entry.credential.accessKeyId, entry);
  }
  return { credentials: byKey.size > 0 ? [...byKey.values()].map((e) => e.credential) : undefined, from };
}
