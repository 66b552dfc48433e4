// Method and path → operation and its path labels (docs/contract.md §8). Labels are
// percent-decoded; a label that does not decode matches nothing.
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

export function route(method: string | undefined, path: string): Route | undefined {
  const parts = path.split('/');
  // parts[0] is the empty string before the leading slash.
  if (parts[0] !== '') return undefined;
  if (method === 'PUT' && path === '/contact/webrtc') return { operation: 'StartWebRTCContact', labels: {} };
  if (method === 'POST' && path === '/contact/stop') return { operation: 'StopContact', labels: {} };
  if (method !== 'GET') return undefined;
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
