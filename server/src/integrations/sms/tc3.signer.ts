import { createHash, createHmac } from 'node:crypto';

/**
 * Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256 ("signature v3"),
 * for a POST of a JSON body to `/`.
 */

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** Service name in the credential scope, e.g. `sms`. */
  service: string;
  /** The Host header as sent (host[:port]). */
  host: string;
  action: string;
  version: string;
  region?: string;
  /** Unix seconds; Tencent refuses a request more than five minutes off. */
  timestamp: number;
  payload: string;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** The headers a signed request carries, Authorization included. */
export function signTc3(request: Tc3Request): Record<string, string> {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  // Header names and values lower-cased and trimmed, in name order.
  const signed: [string, string][] = [
    ['content-type', TC3_CONTENT_TYPE],
    ['host', request.host.toLowerCase()],
    ['x-tc-action', request.action.toLowerCase()],
  ];
  const signedHeaders = signed.map(([k]) => k).join(';');
  const canonicalRequest = ['POST', '/', '', signed.map(([k, v]) => `${k}:${v}\n`).join(''), signedHeaders, sha256Hex(request.payload)].join('\n');
  const scope = `${date}/${request.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(`TC3${request.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    Authorization: `TC3-HMAC-SHA256 Credential=${request.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'Content-Type': TC3_CONTENT_TYPE,
    Host: request.host,
    'X-TC-Action': request.action,
    'X-TC-Version': request.version,
    'X-TC-Timestamp': String(request.timestamp),
    ...(request.region ? { 'X-TC-Region': request.region } : {}),
  };
}
