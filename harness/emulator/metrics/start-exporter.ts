// Wiring shared by the command line, the services and the tests: an emulator whose requests, active
// calls and exporter health go to InfluxDB. The exporter must exist before the emulator (it is its
// observer) and samples the emulator after; startEmulator closes it with the emulator.
import { startEmulator, type RunningEmulator } from '../server.ts';
import type { EmulatorOptions } from '../options.ts';
import { activeCallsOf } from './active-calls.ts';
import { InfluxExporter, type InfluxExporterOptions } from './influx-exporter.ts';

export interface EmulatorWithMetrics {
  readonly emulator: RunningEmulator;
  readonly exporter: InfluxExporter;
}

export async function startEmulatorWithMetrics(options: EmulatorOptions, metrics: InfluxExporterOptions): Promise<EmulatorWithMetrics> {
  const exporter = new InfluxExporter(metrics);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ ...options, observer: exporter });
  } catch (error) {
    await exporter.close();
    throw error;
  }
  exporter.watchActiveCalls(activeCallsOf(emulator));
  return { emulator, exporter };
}
