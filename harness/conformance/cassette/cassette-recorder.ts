// `conformance --cassette FILE`: listens to a target and writes each exchange as one line of
// cassette-format.ts the moment it is made, so that a run cut short still leaves what it sent.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Target } from '../../targets/target.ts';
import { CASSETTE_FORMAT, entryFor, type CassetteHeader } from './cassette-format.ts';

export class CassetteRecorder {
  private readonly stream: WriteStream;
  private readonly stopListening: () => void;
  private seq = 0;
  private failed: Error | undefined;
  /** What the exchanges heard from now on are filed under (a check's name, "preflight", "cleanup"). */
  check = 'preflight';

  constructor(file: string, target: Target, run: Pick<CassetteHeader, 'seed' | 'runs'> = {}) {
    this.stream = createWriteStream(file);
    this.stream.on('error', (error) => (this.failed ??= error));
    const header: CassetteHeader = {
      cassette: CASSETTE_FORMAT,
      recordedAt: new Date().toISOString(),
      target: { kind: target.kind, description: target.description, region: target.region, instanceId: target.instanceId, contactFlowId: target.contactFlowId },
      ...run,
    };
    this.stream.write(`${JSON.stringify(header)}\n`);
    this.stopListening = target.onExchange((exchange, { auth }) => {
      this.stream.write(`${JSON.stringify(entryFor(++this.seq, this.check, exchange, auth))}\n`);
    });
  }

  /** Exchanges written so far. */
  get recorded(): number {
    return this.seq;
  }

  /** Stops listening and waits until every line is on disk; throws if a write failed. */
  async close(): Promise<void> {
    this.stopListening();
    await new Promise<void>((resolve) => this.stream.end(resolve));
    if (this.failed) throw this.failed;
  }
}
