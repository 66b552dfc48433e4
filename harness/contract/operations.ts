// HTTP bindings of the operations the harness speaks (restJson1, docs/contract.md §1 and §8).
export const operations = {
  StartWebRTCContact: { method: 'PUT', path: '/contact/webrtc', input: 'StartWebRTCContactRequest' },
  DescribeContact: { method: 'GET', path: '/contacts/{InstanceId}/{ContactId}' },
  GetContactAttributes: { method: 'GET', path: '/contact/attributes/{InstanceId}/{InitialContactId}' },
  StopContact: { method: 'POST', path: '/contact/stop', input: 'StopContactRequest' },
} as const;

export type OperationName = keyof typeof operations;

/** The signing name and API version every request uses. */
export const service = { signingName: 'connect', apiVersion: '2017-08-08' } as const;
