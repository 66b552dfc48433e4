// Short names for the emulator measurements' fields, which metric-names.ts defines.
import { emulatorFields, emulatorMeasurements } from '../../contract/metric-names.ts';

export { emulatorFields };
export const requestFields = emulatorFields[emulatorMeasurements.requests];
export const activeCallFields = emulatorFields[emulatorMeasurements.activeCalls];
export const exporterFields = emulatorFields[emulatorMeasurements.exporter];
