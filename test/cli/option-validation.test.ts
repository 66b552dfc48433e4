// Every option value is refused before anything starts, in one line that names the option, what it
// accepts and what it got; negative numbers are values, not options; `--version` answers on every
// command; startup summaries are plain words.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { negativeValuesJoined } from '../../harness/cli/argv.ts';
import { commands } from '../../harness/cli/commands/index.ts';
import { settlesWithin } from '../support/hang-guard.ts';
import { runCli, type Ran } from '../support/run-cli.ts';

const root = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

function expectUsageError(ran: Ran, message: string | RegExp) {
  expect(ran.status, ran.stdout + ran.stderr).toBe(2);
  expect(ran.stdout).toBe('');
  expect(ran.stderr).toMatch(/^[^\n]+\n$/); // one line, no stack trace
  if (typeof message === 'string') expect(ran.stderr).toContain(message);
  else expect(ran.stderr).toMatch(message);
}

describe('numbers', () => {
  it('--runs -5 is a value the validator refuses, not an "ambiguous" option', async () => {
    expectUsageError(await runCli(['conformance', '--runs', '-5']), 'conformance: --runs must be a positive integer, got -5');
    expectUsageError(await runCli(['conformance', '--runs=-5']), '--runs must be a positive integer, got -5');
    expectUsageError(await runCli(['main', '--runs', '-5']), '--runs must be a positive integer, got -5');
    expectUsageError(await runCli(['diff', '--baseline', 'http://127.0.0.1:1', '--candidate', 'http://127.0.0.1:2', '--runs', '-5']), '--runs must be a positive integer, got -5');
  });

  it.each([
    [['conformance', '--runs', '0'], '--runs must be a positive integer, got 0'],
    [['conformance', '--runs', '2.5'], '--runs must be a positive integer, got 2.5'],
    [['conformance', '--runs', '0x10'], '--runs must be a positive integer, got 0x10'],
    [['conformance', '--seed', '1.5'], '--seed must be an integer, got 1.5'],
    [['conformance', '--seed', 'abc'], '--seed must be an integer, got abc'],
    [['conformance', '--max-findings', '-1'], '--max-findings must be a positive integer, got -1'],
    [['conformance', '--rate', '-2'], '--rate must be a positive number, got -2'],
    [['conformance', '--rate', '0'], '--rate must be a positive number, got 0'],
    [['corpus', '--seed', '1', '--count', '-3', '--out', 'x.json'], '--count must be a positive integer, got -3'],
    [['corpus', '--seed', '1', '--count', '3', '--invalid-ratio', '1.5', '--out', 'x.json'], '--invalid-ratio must be a number from 0 to 1, got 1.5'],
    [['emulator', '--port', '-1'], '--port must be a port from 0 (any free one) to 65535, got -1'],
    [['emulator', '--port', '70000'], '--port must be a port from 0 (any free one) to 65535, got 70000'],
    [['emulator', '--fault-rate', '2'], '--fault-rate must be a number from 0 to 1, got 2'],
    [['emulator', '--throttle-rate', '-0.1'], '--throttle-rate must be a number from 0 to 1, got -0.1'],
    [['emulator', '--rate-limit', '-3'], '--rate-limit must be a positive number, got -3'],
    [['emulator', '--burst', '1.5'], '--burst must be a positive integer, got 1.5'],
    [['emulator', '--max-concurrent-calls', '0'], '--max-concurrent-calls must be a positive integer, got 0'],
    [['stop-contacts', '--file', 'x', '--endpoint', 'http://127.0.0.1:1', '--rate', '-1'], '--rate must be a positive number, got -1'],
  ])('%j: %s', async (argv, message) => {
    expectUsageError(await runCli(argv), message);
  });
});

describe('durations', () => {
  it.each([
    [['emulator', '--call-duration', '-4'], '--call-duration must be a duration above 0'],
    [['emulator', '--call-duration', '5 minutes'], '--call-duration must be a duration above 0: seconds (30), or with a unit (500ms, 30s, 5m, 1h), got 5 minutes'],
    [['conformance', '--time-limit', '0'], '--time-limit must be a duration above 0'],
    [['conformance', '--time-limit', '5x'], '--time-limit must be a duration above 0'],
    [['conformance', '--shrink-seconds', '-1'], '--shrink-seconds must be a duration above 0'],
  ])('%j: %s', async (argv, message) => {
    expectUsageError(await runCli(argv), message);
  });
});

describe('URLs, regions, ids and words', () => {
  it.each([
    [['conformance', '--endpoint', 'ftp://x'], '--endpoint must be an http:// or https:// URL (not ftp://), got "ftp://x"'],
    [['conformance', '--endpoint', 'localhost:4599'], '--endpoint must be an http:// or https:// URL'],
    [['conformance', '--endpoint', 'not a url'], '--endpoint must be an http:// or https:// URL such as http://127.0.0.1:4599, got "not a url"'],
    [['stop-contacts', '--file', 'x', '--endpoint', 'ftp://x'], '--endpoint must be an http:// or https:// URL'],
    [['diff', '--baseline', 'ftp://a', '--candidate', 'http://127.0.0.1:2'], '--baseline must be an http:// or https:// URL'],
    [['diff', '--baseline', 'http://127.0.0.1:1', '--candidate', 'http://127.0.0.1:2', '--candidate-region', 'moon'], '--candidate-region must be an AWS region such as us-east-1, got "moon"'],
    [['emulator', '--influx', 'ftp://x/k6'], '--influx'],
    [['conformance', '--region', 'EU'], '--region must be an AWS region such as us-east-1, got "EU"'],
    [['emulator', '--region', 'europe'], '--region must be an AWS region such as us-east-1, got "europe"'],
    [['conformance', '--instance-id', ''], '--instance-id must not be empty'],
    [['conformance', '--instance-id', 'x'.repeat(101)], '--instance-id must be at most 100 characters, got 101'],
    [['emulator', '--quotas', 'lots'], '--quotas must be aws-default or unlimited, got "lots"'],
    [['emulator', '--store', 'postgres://x'], '--store must be memory or a redis://HOST:PORT URL, got "postgres://x"'],
    [['emulator', '--workers', '0'], '--workers must be a positive integer, got 0'],
    [['emulator', '--workers', '1.5'], '--workers must be a positive integer, got 1.5'],
    [['emulator', '--workers', '2'], '--workers 2 needs --store redis://HOST:PORT: with the memory store each worker would keep its own ClientTokens, contacts and quotas'],
    [['emulator', '--workers', '3', '--store', 'memory'], '--workers 3 needs --store redis://HOST:PORT'],
    [['emulator', '--latency', 'uniform:5-1'], '--latency must be none, fixed:MS, uniform:MIN-MAX or lognormal:P50,P99'],
    [['conformance', '--phases', 'warmup'], '--phases must be coverage, random or coverage,random; got "warmup"'],
    [['conformance', '--check', 'nope'], /unknown check nope \(known: accepts-valid, /],
    [['k6-combine', '--testid', 'a b', 'reports'], '--testid must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got "a b"'],
  ])('%j: %s', async (argv, message) => {
    expectUsageError(await runCli(argv), message);
  });
});

describe('how parseArgs errors read', () => {
  it.each([
    [['validate', '--frob'], 'validate: unknown option --frob; run connect-harness validate --help for its options'],
    [['emulator', '--no-auth=1'], 'emulator: --no-auth takes no value'],
    [['conformance', '--runs'], 'conformance: --runs needs a value'],
    [['conformance', '--test', '--runs', '3'], 'unknown option --test'],
    [['conformance', '--junit', '--json'], '--junit needs a value, and the next argument looks like an option; if it is the value, write --junit=VALUE'],
    [['corpus', 'stray'], 'unexpected argument "stray": connect-harness corpus takes options only'],
  ])('%j: %s', async (argv, message) => {
    expectUsageError(await runCli(argv), message);
  });

  it('only a negative number after a --flag is joined to it', () => {
    expect(negativeValuesJoined(['--runs', '-5', '--seed', '-.5', '--check', 'x'])).toEqual(['--runs=-5', '--seed=-.5', '--check', 'x']);
    expect(negativeValuesJoined(['--runs=-5', '-h', '--x', '-y'])).toEqual(['--runs=-5', '-h', '--x', '-y']);
    expect(negativeValuesJoined(['--', '--runs', '-5'])).toEqual(['--', '--runs', '-5']);
  });
});

describe('--version', () => {
  it('the top-level command prints the version package.json declares', async () => {
    for (const flag of ['--version', '-V']) {
      const ran = await runCli([flag]);
      expect(ran).toEqual({ status: 0, stdout: `connect-harness ${version}\n`, stderr: '' });
    }
  });

  it.each(commands.map((c) => c.name))('%s --version too, whatever else is on the line', async (name) => {
    const ran = await runCli([name, '--runs', '-5', '--version']);
    expect(ran).toEqual({ status: 0, stdout: `connect-harness ${version}\n`, stderr: '' });
  });

  it.each(commands.map((c) => c.name))('%s --help lists --version', async (name) => {
    const ran = await runCli([name, '--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^ {2}--version, -V +the version of connect-harness$/m);
  });
});

describe('the emulator\'s startup summary', () => {
  /** The lines the published command prints on stderr until its summary is complete. */
  async function summary(args: readonly string[]): Promise<string> {
    const child = spawn(process.execPath, [join(root, 'bin', 'connect-harness.js'), 'emulator', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    try {
      await settlesWithin('the emulator summary', new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/ {2}metrics .*\n/.test(stderr)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      }));
    } finally {
      child.kill('SIGTERM');
    }
    return stderr;
  }

  it('says "unlimited" in words, never Infinity', async () => {
    const text = await summary(['--quotas', 'unlimited']);
    expect(text).toContain('starts unlimited; calls per instance unlimited');
    expect(text).not.toMatch(/Infinity|NaN|undefined/);
  });

  it('gives the aws-default figures as figures', async () => {
    const text = await summary([]);
    expect(text).toContain('starts 2/s (burst 5); calls per instance at most 10');
  });
});
