// The emulator's keys off the command line: from EMULATOR_CREDENTIALS and from --credentials-file,
// each accepted on its own and together, a mistake reported naming the variable or the file and
// line (never the secret), and --help saying where keys may come from. One real process shows the
// keys work for SigV4 and are not in its command line.
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../harness/cli/command.ts';
import { emulatorOptionsFromArgs } from '../../harness/cli/commands/emulator.ts';
import { DEFAULT_ACCOUNT_ID } from '../../harness/contract/defaults.ts';
import { clientFor, rejectionOf, startInput, UUID } from '../support/connect-client.ts';
import { startEmulatorProcess } from '../support/emulator-process.ts';
import { runCli } from '../support/run-cli.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz3secret';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-credentials-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, { mode: 0o600 });
  return path;
}

/** The UsageError message the options fail with (fails when they do not). */
async function usageError(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const error = await emulatorOptionsFromArgs(args, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

describe('where the emulator takes its keys from', () => {
  it('EMULATOR_CREDENTIALS: KEY:SECRET[:ACCOUNT] entries separated by commas or whitespace', async () => {
    const options = await emulatorOptionsFromArgs([], { EMULATOR_CREDENTIALS: `AKIDONE:${SECRET}, AKIDTWO:s2:210987654321\nAKIDTHREE:s3` });
    expect(options.credentials).toEqual([
      { accessKeyId: 'AKIDONE', secretAccessKey: SECRET },
      { accessKeyId: 'AKIDTWO', secretAccessKey: 's2', accountId: '210987654321' },
      { accessKeyId: 'AKIDTHREE', secretAccessKey: 's3' },
    ]);
    expect(options.credentialsFrom).toEqual(['EMULATOR_CREDENTIALS']);
  });

  it('--credentials-file: one pair a line; blank lines and # comments skipped; CRLF accepted', async () => {
    const path = await fileWith('keys', `# local keys\r\nAKIDFILE:${SECRET}:${DEFAULT_ACCOUNT_ID}\r\n\r\n  AKIDOTHER:s2  \n`);
    const options = await emulatorOptionsFromArgs(['--credentials-file', path], {});
    expect(options.credentials).toEqual([
      { accessKeyId: 'AKIDFILE', secretAccessKey: SECRET, accountId: DEFAULT_ACCOUNT_ID },
      { accessKeyId: 'AKIDOTHER', secretAccessKey: 's2' },
    ]);
    expect(options.credentialsFrom).toEqual([`--credentials-file ${path}`]);
  });

  it('the three sources add up; the same pair twice is one key', async () => {
    const path = await fileWith('more', 'AKIDFILE:s1\nAKIDFLAG:s3\n');
    const options = await emulatorOptionsFromArgs(['--credentials', 'AKIDFLAG:s3', '--credentials-file', path], { EMULATOR_CREDENTIALS: 'AKIDENV:s2' });
    expect(options.credentials?.map((c) => c.accessKeyId)).toEqual(['AKIDFLAG', 'AKIDFILE', 'AKIDENV']);
    expect(options.credentialsFrom).toEqual(['--credentials', `--credentials-file ${path}`, 'EMULATOR_CREDENTIALS']);
  });

  it('none given (an empty variable counts as none): the default key pair applies', async () => {
    for (const env of [{}, { EMULATOR_CREDENTIALS: '' }, { EMULATOR_CREDENTIALS: '  ' }]) {
      const options = await emulatorOptionsFromArgs([], env);
      expect(options.credentials).toBeUndefined();
      expect(options.credentialsFrom).toEqual([]);
    }
  });
});

describe('mistakes name where they are, never the secret', () => {
  it.each([
    { value: `AKIDONE:${SECRET},AKIDTWO:`, expected: /^EMULATOR_CREDENTIALS: entry 2 "AKIDTWO:…": expected KEY:SECRET\[:ACCOUNT\]$/ },
    // No colon: the entry may be a secret on its own, so nothing of it is shown.
    { value: `AKIDONE=${SECRET}`, expected: /^EMULATOR_CREDENTIALS: entry 1: expected KEY:SECRET\[:ACCOUNT\]$/ },
    { value: `AKIDONE:${SECRET}:12345`, expected: /^EMULATOR_CREDENTIALS: entry 1 "AKIDONE:…": ACCOUNT must be 12 digits$/ },
    { value: `AKIDONE:${SECRET}:${DEFAULT_ACCOUNT_ID}:extra`, expected: /^EMULATOR_CREDENTIALS: entry 1 "AKIDONE:…": expected KEY:SECRET\[:ACCOUNT\]$/ },
    { value: `:${SECRET}`, expected: /^EMULATOR_CREDENTIALS: entry 1 ":…": expected/ },
  ])('EMULATOR_CREDENTIALS=$value', async ({ value, expected }) => {
    const message = await usageError([], { EMULATOR_CREDENTIALS: value });
    expect(message).toMatch(expected);
    expect(message).not.toContain(SECRET);
  });

  it('a malformed line of the file: the file and the line number', async () => {
    const path = await fileWith('bad-line', `AKIDONE:${SECRET}\n# fine\nAKIDTWO ${SECRET}\nAKIDTHREE:${SECRET}:1\n`);
    expect(await usageError(['--credentials-file', path])).toBe(`--credentials-file ${path}: line 3: expected KEY:SECRET[:ACCOUNT]`);
    const other = await fileWith('bad-account', `AKIDONE:${SECRET}\nAKIDTHREE:${SECRET}:1\n`);
    expect(await usageError(['--credentials-file', other])).toBe(`--credentials-file ${other}: line 2 "AKIDTHREE:…": ACCOUNT must be 12 digits`);
  });

  it('a file that is missing, or holds no pair', async () => {
    const missing = join(dir, 'nope');
    expect(await usageError(['--credentials-file', missing])).toBe(`--credentials-file ${missing}: cannot read it (no such file)`);
    const empty = await fileWith('empty', '# nothing but a comment\n\n');
    expect(await usageError(['--credentials-file', empty])).toBe(`--credentials-file ${empty}: no KEY:SECRET[:ACCOUNT] line in it`);
  });

  it('one key with two secrets in two sources', async () => {
    const message = await usageError(['--credentials', `AKIDONE:${SECRET}`], { EMULATOR_CREDENTIALS: 'AKIDONE:other' });
    expect(message).toBe('key "AKIDONE" is given twice, differently (--credentials and EMULATOR_CREDENTIALS)');
  });

  it('through the command: exit 2 and one line on stderr', async () => {
    const ran = await runCli(['emulator', '--port', '0', '--credentials-file', join(dir, 'nope')]);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(/^connect-harness emulator: --credentials-file .*nope: cannot read it \(no such file\)\n$/);
  });
});

describe('--help', () => {
  it('says keys may come from a file or the environment, and that --credentials is visible in ps', async () => {
    const ran = await runCli(['emulator', '--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('--credentials-file PATH');
    expect(ran.stdout).toContain('EMULATOR_CREDENTIALS');
    expect(ran.stdout).toMatch(/--credentials KEY:SECRET\[:ACCOUNT\][^\n]*\n[^\n]*ps: for throwaway local keys/);
  });
});

describe('a real emulator process', () => {
  it('accepts the keys of EMULATOR_CREDENTIALS and --credentials-file, not the default, and its command line holds no secret', async () => {
    const path = await fileWith('process-keys', `AKIDFILE:${SECRET}-file\n`);
    await using emulator = await startEmulatorProcess(['--port', '0', '--credentials-file', path], 30_000, { EMULATOR_CREDENTIALS: `AKIDENV:${SECRET}-env` });
    for (const [accessKeyId, secretAccessKey] of [['AKIDFILE', `${SECRET}-file`], ['AKIDENV', `${SECRET}-env`]] as const) {
      const client = clientFor(emulator, { credentials: { accessKeyId, secretAccessKey } });
      expect((await client.send(new StartWebRTCContactCommand(startInput()))).ContactId).toMatch(UUID);
      client.destroy();
    }
    const defaultKey = clientFor(emulator);
    expect((await rejectionOf(defaultKey.send(new StartWebRTCContactCommand(startInput())))).name).toBe('UnrecognizedClientException');
    defaultKey.destroy();
    // What `ps` shows every local user (Linux only).
    const cmdline = await readFile(`/proc/${emulator.pid}/cmdline`, 'utf8').catch(() => undefined);
    if (cmdline !== undefined) {
      expect(cmdline).toContain('--credentials-file');
      expect(cmdline).not.toContain(SECRET);
    }
  });
});
