// Where a started ContactId travels to k6's JSON output: named with the other metric names.
export { contactIdMetadataKey } from '../../harness/contract/metric-names.ts';
