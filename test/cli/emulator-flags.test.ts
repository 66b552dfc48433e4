// The emulator's flags are listed once (emulatorFlags, the parser's table). Everything that states
// them again is held to that list: its --help, the synopsis in docs/emulator.md, and the command
// compose runs it with. A flag added to the parser and forgotten in the help or the docs fails here,
// as does a help line or a doc naming a flag the parser refuses.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emulatorFlags, emulatorOptionsFromArgs, usage } from '../../harness/cli/commands/emulator.ts';

const root = resolve(import.meta.dirname, '..', '..');
const flags = Object.keys(emulatorFlags).map((name) => `--${name}`);
const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
const docs = readFileSync(resolve(root, 'docs', 'emulator.md'), 'utf8');
const synopsis = /```sh\nnpx connect-harness emulator ([\s\S]*?)```/.exec(docs)?.[1] ?? '';

describe('the emulator flags, stated once', () => {
  it('--help describes every flag the parser takes, and no other', () => {
    const described = new Set([...usage.matchAll(/^ {2}(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]));
    expect([...described].filter((f) => f !== '--help' && f !== '--version').sort()).toEqual([...flags].sort());
  });

  it("docs/emulator.md's synopsis lists every flag, and no other", () => {
    expect(synopsis).not.toBe('');
    expect([...flagsIn(synopsis)].sort()).toEqual([...flags].sort());
  });

  it('every flag named anywhere in docs/emulator.md is one the parser takes', () => {
    const emulatorSections = docs.split(/\n## /).filter((section) => !/^(Gotchas|Replicas)/.test(section));
    const unknown = [...flagsIn(emulatorSections.join('\n'))].filter((f) => !flags.includes(f) && !['--help', '--version'].includes(f));
    // Flags of other commands the page refers to (k6's, npm's, conformance's) are named with their command.
    expect(unknown.filter((f) => !new RegExp(`(k6|npm|conformance|diff|stack|docker|kubectl)[^\\n]*${f}`).test(docs))).toEqual([]);
  });

  it("compose's emulator command is accepted by the parser", async () => {
    const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { command?: string[] }> };
    const command = (compose.services.emulator?.command ?? []).map((arg) => arg.replace(/\$\{\w+:-([^}]*)\}/g, '$1'));
    expect(command.length).toBeGreaterThan(0);
    for (const arg of command) expect(flags, arg).toContain(arg.split('=')[0]);
    await expect(emulatorOptionsFromArgs(command, {})).resolves.toBeDefined();
  });
});
