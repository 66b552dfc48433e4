// Field names of the emulator's measurements, written by the exporter and read by the dashboards.
// They complete metric-names.ts (which names the measurements and documents these fields) and
// belong there; they live here until that module takes them.
import { emulatorMeasurements } from '../../contract/metric-names.ts';

export const emulatorFields = {
  [emulatorMeasurements.requests]: { count: 'count', durationMs: 'duration_ms' },
  [emulatorMeasurements.activeCalls]: { active: 'active', limit: 'limit' },
  [emulatorMeasurements.exporter]: { written: 'written', dropped: 'dropped', failedWrites: 'failed_writes', buffered: 'buffered' },
} as const;

export const requestFields = emulatorFields[emulatorMeasurements.requests];
export const activeCallFields = emulatorFields[emulatorMeasurements.activeCalls];
export const exporterFields = emulatorFields[emulatorMeasurements.exporter];
