// route() checks the two fixed routes before splitting the path (router.ts); here against the
// plain order, split first, for any method and path.
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { route } from './router.ts';

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function plainRoute(method: string | undefined, path: string) {
  const parts = path.split('/');
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

const segment = fc.oneof(fc.constantFrom('', 'contact', 'contacts', 'webrtc', 'stop', 'attributes', '%E0%A4%A', '%41'), fc.string());
const path = fc.oneof(
  fc.constantFrom('/contact/webrtc', '/contact/stop', '/contact/webrtc/', '/contact/stopped', 'contact/webrtc', '/contacts/i/c', '/contact/attributes/i/c'),
  fc.array(segment, { maxLength: 6 }).map((s) => s.join('/')),
  fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`),
);
const method = fc.option(fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'put'), { nil: undefined });

test.prop([method, path], { numRuns: 2000 })('routes every method and path as the plain order does', (m, p) => {
  expect(route(m, p)).toEqual(plainRoute(m, p));
});
