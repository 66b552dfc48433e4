// The emulator's metrics exporter: an EmulatorObserver that writes InfluxDB 1.x line protocol.
//
// The request path only pushes onto a bounded ring (request-buffer.ts). Lines are formatted and sent
// off that path: every flush interval, and as soon as a full batch is waiting. At most one write is
// in flight, with a deadline; a failed write is not retried, its points are dropped and counted.
// So when InfluxDB is slow or down, memory stays at the ring's capacity plus one batch, requests
// are answered as fast as ever, and writing resumes by itself when InfluxDB answers again.
import { emulatorMeasurements, tagKeys, activeCallFields, exporterFields } from '../../contract/metric-names.ts';
import type { EmulatorObserver, RequestEvent } from '../observer.ts';
import { parseInfluxUrl, type InfluxTarget } from './influx-url.ts';
import { createDatabase, writeLines } from './influx-writer.ts';
import { intField, seriesKey } from './line-protocol.ts';
import { RequestBuffer } from './request-buffer.ts';
import { requestLine } from './request-line.ts';
import { SeriesTable } from './series-table.ts';
import { nanoseconds, UniqueTimestamps } from './unique-timestamps.ts';

export const exporterDefaults = {
  testId: 'local',
  /** Points waiting to be written; past this, new ones are dropped (24 bytes a slot, preallocated). */
  capacity: 50_000,
  /** Points per write: InfluxDB's own advice for 1.x is batches of about 5,000. */
  batchSize: 5_000,
  flushIntervalMs: 1_000,
  /** One write's deadline; meanwhile the ring absorbs about capacity / request rate seconds of traffic. */
  writeTimeoutMs: 2_000,
  /** How long close() keeps flushing before it counts what is left as dropped. */
  closeTimeoutMs: 2_000,
} as const;

export interface InfluxExporterOptions {
  /** A parsed target, or a URL such as http://127.0.0.1:8086/k6 (see influx-url.ts). */
  readonly target: InfluxTarget | string;
  /** The `testid` tag on every point, as k6 runs tag theirs with `--tag testid=...`. */
  readonly testId?: string;
  readonly capacity?: number;
  readonly batchSize?: number;
  readonly flushIntervalMs?: number;
  readonly writeTimeoutMs?: number;
  readonly closeTimeoutMs?: number;
  /** One line per state change (writes failing, writes recovered). Never carries request data. */
  readonly log?: (line: string) => void;
  readonly timestamps?: UniqueTimestamps;
  /** How a batch is sent (default: one HTTP POST to /write). Tests wrap it to watch the writes. */
  readonly write?: typeof writeLines;
}

/** Active calls per configured instance and the concurrent-call quota (Infinity when unlimited). */
export interface ActiveCallsReading {
  readonly limit: number;
  readonly perInstance: Iterable<readonly [instanceId: string, active: number]>;
}

export interface ExporterStats {
  readonly capacity: number;
  readonly buffered: number;
  /** The most points the ring ever held. */
  readonly maxBuffered: number;
  /** Points InfluxDB acknowledged (requests, active calls, health). */
  readonly written: number;
  /** Points lost: ring full, a failed write's batch, or left over at close. */
  readonly dropped: number;
  readonly failedWrites: number;
  readonly writing: boolean;
}

/** Periodic lines (active calls, health) waiting for the next write; a bound for a long outage. */
const MAX_PERIODIC_LINES = 1_000;
/** CREATE DATABASE at most this often, whatever InfluxDB answers. */
const CREATE_DATABASE_EVERY_MS = 5_000;

function positiveInteger(name: string, value: number): number {
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

export class InfluxExporter implements EmulatorObserver {
  readonly target: InfluxTarget;
  readonly testId: string;
  private readonly buffer: RequestBuffer;
  private readonly series: SeriesTable;
  private readonly timestamps: UniqueTimestamps;
  private readonly batchSize: number;
  private readonly writeTimeoutMs: number;
  private readonly closeTimeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly write: typeof writeLines;
  private readonly timer: NodeJS.Timeout;
  private periodic: string[] = [];
  private activeCalls: (() => ActiveCallsReading) | undefined;
  private inFlight: Promise<void> | undefined;
  private flushQueued = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private closeDeadline = 0;
  /** Cuts the last write short at the close deadline, so that close() returns on time with every point accounted for. */
  private readonly closeAbort = new AbortController();
  private failing = false;
  private lastCreateDatabase = 0;
  private written = 0;
  private dropped = 0;
  private failedWrites = 0;

  constructor(options: InfluxExporterOptions) {
    this.target = typeof options.target === 'string' ? parseInfluxUrl(options.target) : options.target;
    this.testId = options.testId ?? exporterDefaults.testId;
    if (this.testId === '') throw new Error('test id must not be empty');
    this.buffer = new RequestBuffer(positiveInteger('capacity', options.capacity ?? exporterDefaults.capacity));
    this.batchSize = positiveInteger('batch size', options.batchSize ?? exporterDefaults.batchSize);
    this.writeTimeoutMs = positiveInteger('write timeout', options.writeTimeoutMs ?? exporterDefaults.writeTimeoutMs);
    this.closeTimeoutMs = positiveInteger('close timeout', options.closeTimeoutMs ?? exporterDefaults.closeTimeoutMs);
    this.series = new SeriesTable(this.testId);
    this.timestamps = options.timestamps ?? new UniqueTimestamps();
    this.log = options.log ?? (() => {});
    this.write = options.write ?? writeLines;
    this.timer = setInterval(this.tick, positiveInteger('flush interval', options.flushIntervalMs ?? exporterDefaults.flushIntervalMs));
    // Never keeps a process alive: close() sends what is left.
    this.timer.unref();
    void this.ensureDatabase();
  }

  /** The request path: O(1), no formatting, no I/O. */
  request(event: RequestEvent): void {
    if (this.closed) {
      this.dropped++;
      return;
    }
    const seriesId = this.series.idOf(event);
    const ms = this.timestamps.next();
    if (seriesId < 0 || !this.buffer.push(seriesId, event.durationMs, ms, this.timestamps.lastSubMs)) {
      this.dropped++;
      return;
    }
    if (this.buffer.size >= this.batchSize && this.inFlight === undefined && !this.flushQueued) {
      this.flushQueued = true;
      setImmediate(this.flushQueuedBatch);
    }
  }

  /** Samples active calls against the quota on every flush interval (the emulator exists only after its observer). */
  watchActiveCalls(read: () => ActiveCallsReading): void {
    this.activeCalls = read;
  }

  stats(): ExporterStats {
    return {
      capacity: this.buffer.capacity,
      buffered: this.buffer.size,
      maxBuffered: this.buffer.maxSize,
      written: this.written,
      dropped: this.dropped,
      failedWrites: this.failedWrites,
      writing: this.inFlight !== undefined,
    };
  }

  /** Stops sampling, then writes what it can before a short deadline; the rest counts as dropped. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer);
      this.closed = true;
      this.sample();
      this.closeDeadline = Date.now() + this.closeTimeoutMs;
      while (Date.now() < this.closeDeadline) {
        if (this.inFlight) {
          await Promise.race([this.inFlight, sleep(this.closeDeadline - Date.now())]);
          continue;
        }
        if (this.buffer.size === 0 && this.periodic.length === 0) break;
        this.flush();
      }
      if (this.inFlight) {
        this.closeAbort.abort();
        await this.inFlight;
      }
      this.dropped += this.buffer.drain(Number.POSITIVE_INFINITY, () => {}) + this.periodic.length;
      this.periodic = [];
    })();
    return this.closing;
  }

  private readonly tick = (): void => {
    this.sample();
    this.flush();
  };

  private readonly flushQueuedBatch = (): void => {
    this.flushQueued = false;
    this.flush();
  };

  private sample(): void {
    const reading = this.activeCalls?.();
    if (reading) {
      const limit = Number.isFinite(reading.limit) ? `,${activeCallFields.limit}=${intField(reading.limit)}` : '';
      for (const [instanceId, active] of reading.perInstance) {
        const key = seriesKey(emulatorMeasurements.activeCalls, { [tagKeys.instance]: instanceId, [tagKeys.testId]: this.testId });
        this.addPeriodic(`${key} ${activeCallFields.active}=${intField(active)}${limit} ${this.timestamp()}\n`);
      }
    }
    const key = seriesKey(emulatorMeasurements.exporter, { [tagKeys.testId]: this.testId });
    this.addPeriodic(
      `${key} ${exporterFields.written}=${intField(this.written)},${exporterFields.dropped}=${intField(this.dropped)},` +
        `${exporterFields.failedWrites}=${intField(this.failedWrites)},${exporterFields.buffered}=${intField(this.buffer.size)} ${this.timestamp()}\n`,
    );
  }

  private addPeriodic(line: string): void {
    if (this.periodic.length >= MAX_PERIODIC_LINES) this.dropped++;
    else this.periodic.push(line);
  }

  private timestamp(): string {
    const ms = this.timestamps.next();
    return nanoseconds(ms, this.timestamps.lastSubMs);
  }

  private flush(): void {
    if (this.inFlight !== undefined) return;
    let body = this.periodic.join('');
    let points = this.periodic.length;
    this.periodic = [];
    points += this.buffer.drain(this.batchSize, (seriesId, durationMs, ms, subMs) => {
      body += requestLine(this.series.keyOf(seriesId), durationMs, ms, subMs);
    });
    if (points === 0) return;
    const timeoutMs = this.closed ? Math.max(1, Math.min(this.writeTimeoutMs, this.closeDeadline - Date.now())) : this.writeTimeoutMs;
    this.inFlight = this.send(body, points, timeoutMs).finally(() => {
      this.inFlight = undefined;
      // A full batch waited behind this write: send it now rather than at the next tick.
      if (!this.closed && this.buffer.size >= this.batchSize) this.flush();
    });
  }

  private async send(body: string, points: number, timeoutMs: number): Promise<void> {
    const result = await this.write(this.target, body, timeoutMs, this.closeAbort.signal);
    if (result.ok) {
      this.written += points;
      if (this.failing) {
        this.failing = false;
        this.log(`metrics: InfluxDB ${this.target.display}: writes recovered (${this.dropped} points dropped so far)`);
      }
      return;
    }
    this.failedWrites++;
    this.dropped += points;
    if (!this.failing) {
      this.failing = true;
      this.log(`metrics: InfluxDB ${this.target.display}: write failed (${result.reason}); dropping and counting points until it answers`);
    }
    if (result.databaseMissing) void this.ensureDatabase();
  }

  private async ensureDatabase(): Promise<void> {
    const now = Date.now();
    if (now - this.lastCreateDatabase < CREATE_DATABASE_EVERY_MS) return;
    this.lastCreateDatabase = now;
    await createDatabase(this.target, this.writeTimeoutMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}
