// Shapes shared by the signer and the verifier.

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials' token; sent and signed as `x-amz-security-token`. */
  readonly sessionToken?: string;
}

/**
 * Request headers by name. The signer takes names in any case; the verifier expects lowercase names
 * (as Node's IncomingMessage.headers has them). An array value (a repeated header) is joined with ",".
 */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | undefined>>;
