// The errors a client of StartWebRTCContact can meet, with the status and fault the AWS SDKs expect.
// `source` says why the entry is here: modeled for the operation, generic AWS behaviour documented
// for all services, or an assumption of this project where AWS documents nothing.

export interface ErrorDefinition {
  readonly status: number;
  readonly fault: 'client' | 'server';
  readonly source: 'modeled' | 'generic' | 'assumed';
  readonly meaning: string;
}

export const errorCatalogue = {
  InvalidRequestException: { status: 400, fault: 'client', source: 'modeled', meaning: 'The request is not valid.' },
  InvalidParameterException: { status: 400, fault: 'client', source: 'modeled', meaning: 'One or more of the specified parameters are not valid.' },
  ResourceNotFoundException: { status: 404, fault: 'client', source: 'modeled', meaning: 'The specified resource was not found.' },
  LimitExceededException: { status: 429, fault: 'client', source: 'modeled', meaning: 'The allowed limit for the resource has been exceeded.' },
  InternalServiceException: { status: 500, fault: 'server', source: 'modeled', meaning: 'Request processing failed because of an error or failure with the service.' },
  AccessDeniedException: { status: 403, fault: 'client', source: 'modeled', meaning: 'You do not have sufficient permissions to perform this action (newest SDK only).' },
  ContactNotFoundException: { status: 410, fault: 'client', source: 'modeled', meaning: 'The contact with the specified ID is not active or does not exist (StopContact).' },
  ThrottlingException: { status: 429, fault: 'client', source: 'modeled', meaning: 'The throttling limit has been exceeded (DescribeContact).' },
  UnrecognizedClientException: { status: 403, fault: 'client', source: 'generic', meaning: 'The access key is unknown or the security token is invalid.' },
  InvalidSignatureException: { status: 403, fault: 'client', source: 'generic', meaning: 'The signature does not match, or the request date is too far from the server clock.' },
  IncompleteSignatureException: { status: 403, fault: 'client', source: 'generic', meaning: 'The Authorization header is malformed.' },
  MissingAuthenticationTokenException: { status: 403, fault: 'client', source: 'generic', meaning: 'The request carries no Authorization header.' },
  SerializationException: { status: 400, fault: 'client', source: 'generic', meaning: 'The body is not JSON of the expected types.' },
  TooManyRequestsException: { status: 429, fault: 'client', source: 'generic', meaning: 'Rate throttling, as the sibling StartChatContact documents it.' },
  UnknownOperationException: { status: 404, fault: 'client', source: 'assumed', meaning: 'No operation is bound to this method and path.' },
  RequestEntityTooLargeException: { status: 413, fault: 'client', source: 'assumed', meaning: 'The body is larger than the service accepts.' },
  RequestTimeoutException: { status: 408, fault: 'client', source: 'assumed', meaning: 'The client was too slow to send its request.' },
  ServiceUnavailableException: { status: 503, fault: 'server', source: 'assumed', meaning: 'The service cannot answer now; the request may be retried (the SDKs retry a 503).' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorName = keyof typeof errorCatalogue;

/** The errors StartWebRTCContact lists in the published model. */
export const startWebRTCContactErrors: readonly ErrorName[] = [
  'InternalServiceException', 'InvalidRequestException', 'InvalidParameterException', 'LimitExceededException', 'ResourceNotFoundException',
];

export function isErrorName(name: string): name is ErrorName {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, name);
}
