// The emulator as a service for tests and local use: in this process, on a free port of 127.0.0.1
// unless told otherwise, writing its metrics to InfluxDB when given one.
import { InfluxExporter, type InfluxExporterOptions } from '../emulator/metrics/influx-exporter.ts';
import { startEmulatorWithMetrics } from '../emulator/metrics/start-exporter.ts';
import type { EmulatorOptions } from '../emulator/options.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import type { RunningService } from './running-service.ts';

export interface EmulatorService extends RunningService {
  readonly emulator: RunningEmulator;
  /** Present when metrics go to InfluxDB. */
  readonly exporter: InfluxExporter | undefined;
}

export async function startEmulatorService(options: EmulatorOptions = {}, metrics?: InfluxExporterOptions): Promise<EmulatorService> {
  const withPort = { port: 0, ...options };
  const { emulator, exporter } = metrics ? await startEmulatorWithMetrics(withPort, metrics) : { emulator: await startEmulator(withPort), exporter: undefined };
  const stop = () => emulator.close();
  return { url: emulator.url, kind: 'in-process', emulator, exporter, stop, [Symbol.asyncDispose]: stop };
}
