// `AKID/YYYYMMDD/region/service/aws4_request`, from an Authorization header or X-Amz-Credential.
import { SCOPE_TERMINATOR } from './constants.ts';

export interface CredentialScope {
  readonly accessKeyId: string;
  /** `YYYYMMDD` */
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
}

// Region and service names are short lowercase words in practice; admitting only these characters
// keeps "/" and "\n" out of cache ids and messages.
const SCOPE_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const SHORT_DATE = /^\d{8}$/;

/** The scope, or the reason it is unusable, phrased as AWS phrases it. */
export function parseCredential(text: string): CredentialScope | string {
  const parts = text.split('/');
  if (parts.length !== 5) {
    return "Credential must have the form '<access key id>/<YYYYMMDD>/<region>/<service>/aws4_request'.";
  }
  const [accessKeyId, shortDate, region, service, terminator] = parts as [string, string, string, string, string];
  if (accessKeyId.length === 0) return 'Credential must name an access key id.';
  if (!SHORT_DATE.test(shortDate)) return "Credential should be scoped to a date in the form 'YYYYMMDD'.";
  if (!SCOPE_NAME.test(region)) return 'Credential should be scoped to a valid region.';
  if (!SCOPE_NAME.test(service)) return 'Credential should be scoped to a valid service.';
  if (terminator !== SCOPE_TERMINATOR) return `Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}'.`;
  return { accessKeyId, shortDate, region, service };
}
