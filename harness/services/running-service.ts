// What every starter in this folder returns: where the service answers and how to make it go away
// (process or container stopped, temporary directory removed).
export interface RunningService extends AsyncDisposable {
  /** http://127.0.0.1:PORT for InfluxDB, redis://127.0.0.1:PORT for Redis, http://… for the emulator. */
  readonly url: string;
  /** How it runs: a container, a local binary, or inside this process. */
  readonly kind: 'container' | 'local' | 'in-process';
  stop(): Promise<void>;
}
