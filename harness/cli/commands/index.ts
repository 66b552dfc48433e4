// Commands are loaded when run, not when listed: the emulator should not pay at start-up for the
// SDK and fast-check that the conformance commands pull in.
import type { Command } from '../command.ts';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Every subcommand, in the order --help lists them. */
export const commands: readonly CommandEntry[] = [
  { name: 'main', summary: 'the main job: conformance + concurrency and idempotency probes on the embedded emulator', load: async () => (await import('./main-job.ts')).mainCommand },
  { name: 'conformance', summary: 'check a target (the embedded emulator, a URL, or real AWS) against the contract', load: async () => (await import('./conformance.ts')).conformanceCommand },
  { name: 'diff', summary: 'send the same generated cases to two targets and report where their answers differ', load: async () => (await import('./diff.ts')).diffCommand },
  { name: 'emulator', summary: 'run the local StartWebRTCContact emulator', load: async () => (await import('./emulator.ts')).emulatorCommand },
  { name: 'validate', summary: 'check one StartWebRTCContact request against the contract', load: async () => (await import('./validate.ts')).validateCommand },
  { name: 'stop-contacts', summary: 'stop contacts a k6 run left active (ids from k6 --out json, or a JSON list)', load: async () => (await import('./stop-contacts.ts')).stopContactsCommand },
  { name: 'k6-combine', summary: 'one verdict from the k6 summaries of several pods (k6-operator), by test id; capacity: exit 0 when the knee is found', load: async () => (await import('./k6-combine.ts')).k6CombineCommand },
  { name: 'report', summary: 'one self-contained HTML page (and a Markdown summary for CI) from conformance, diff and k6 JSON reports', load: async () => (await import('./report.ts')).reportCommand },
  { name: 'corpus', summary: 'write generated requests with their expected outcomes (for the k6 negative-mix scenario)', load: async () => (await import('./corpus.ts')).corpusCommand },
];
