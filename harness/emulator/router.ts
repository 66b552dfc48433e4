// Speed-tuned: guarded by `npm run bench -- emulator`.
// Method and path → operation and its path labels (docs/contract.md §8). Labels are
// percent-decoded; a label that does not decode matches nothing.
//
// The fixed routes are matched before the path is split; router.test.ts compares that with the
// plain order (split first).
import type { OperationName } from '../contract/index.ts';

export interface Route {
  readonly operation: OperationName;
  readonly labels: Readonly<Record<string, string>>;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// The two fixed routes, made once: a start is routed without splitting its path or allocating.
const START: Route = Object.freeze({ operation: 'StartWebRTCContact', labels: Object.freeze({}) });
const STOP: Route = Object.freeze({ operation: 'StopContact', labels: Object.freeze({}) });

export function route(method: string | undefined, path: string): Route | undefined {
  if (method === 'PUT' && path === '/contact/webrtc') return START;
  if (method === 'POST' && path === '/contact/stop') return STOP;
  if (method !== 'GET') return undefined;
  const parts = path.split('/');
  // parts[0] is the empty string before the leading slash.
  if (parts[0] !== '') return undefined;
  if (parts.length === 4 && parts[1] === 'contacts') {
    const InstanceId = decode(parts[2]!);
    const ContactId = decode(parts[3]!);
    if (InstanceId === undefined || ContactId === undefined) return undefined;
    return { operation: 'DescribeContact', labels: { InstanceId, ContactId } };
  }
  if (parts.length === 5 && parts[1] === 'contact' && parts[2] === 'attributes') {
    const InstanceId = decode(parts[3]!);
    const InitialContactId = decode(parts[4]!);
    if (InstanceId === undefined || InitialContactId === undefined) return undefined;
    return { operation: 'GetContactAttributes', labels: { InstanceId, InitialContactId } };
  }
  return undefined;
}
