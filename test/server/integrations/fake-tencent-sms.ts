import { createHash, createHmac, randomUUID } from 'node:crypto';
import { startLocalServer, type LocalServer, type ReceivedRequest } from './local-http';

/**
 * A stand-in for Tencent Cloud SMS SendSms (2021-01-11) that checks requests
 * the way Tencent does: it recomputes the TC3-HMAC-SHA256 signature from what
 * actually arrived (headers named in SignedHeaders, the body bytes) with its
 * own copy of the secret, written apart from the code under test.
 */
export interface FakeTencentSms extends LocalServer {
  /** Bodies of SendSms requests that passed the signature check. */
  accepted: Record<string, unknown>[];
  /** The status Code the next accepted sends report (`Ok` unless set). */
  statusCode: string;
  statusMessage: string;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

function errorAnswer(code: string, message: string) {
  return { Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } };
}

function verify(req: ReceivedRequest, credentials: { secretId: string; secretKey: string }): string | undefined {
  const auth = String(req.headers.authorization ?? '');
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return 'AuthFailure.InvalidAuthorization';
  const [, secretId, date, service, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
  if (secretId !== credentials.secretId) return 'AuthFailure.SecretIdNotFound';
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(timestamp - Date.now() / 1000) > 300) return 'AuthFailure.SignatureExpire';
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date || service !== 'sms') return 'AuthFailure.SignatureFailure';
  const names = signedHeaders.split(';');
  if (!names.includes('content-type') || !names.includes('host')) return 'AuthFailure.SignatureFailure';
  const canonicalHeaders = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = `${req.method}\n${req.path}\n${req.query.toString()}\n${canonicalHeaders}\n${signedHeaders}\n${sha256(req.rawBody)}`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonicalRequest)}`;
  const key = hmac(hmac(hmac(`TC3${credentials.secretKey}`, date), service), 'tc3_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex') === signature ? undefined : 'AuthFailure.SignatureFailure';
}

export async function startFakeTencentSms(credentials: { secretId: string; secretKey: string }): Promise<FakeTencentSms> {
  // The handler runs only on requests, by which time `fake` is assigned.
  // eslint-disable-next-line prefer-const
  let fake: FakeTencentSms;
  const server = await startLocalServer((req) => {
    const failure = verify(req, credentials);
    if (failure) return errorAnswer(failure, 'The provided credentials could not be validated. Please check your signature is correct.');
    if (req.headers['x-tc-action'] !== 'SendSms' || req.headers['x-tc-version'] !== '2021-01-11') return errorAnswer('InvalidAction', 'unknown action or version');
    if (!req.headers['x-tc-region']) return errorAnswer('MissingParameter', 'The request is missing a required parameter `Region`.');
    const body = JSON.parse(req.rawBody) as { PhoneNumberSet?: string[] };
    fake.accepted.push(body);
    return {
      Response: {
        SendStatusSet: (body.PhoneNumberSet ?? []).map((phone) => ({
          SerialNo: randomUUID(),
          PhoneNumber: phone,
          Fee: fake.statusCode === 'Ok' ? 1 : 0,
          SessionContext: '',
          Code: fake.statusCode,
          Message: fake.statusMessage,
          IsoCode: 'CN',
        })),
        RequestId: randomUUID(),
      },
    };
  });
  fake = Object.assign(server, { accepted: [], statusCode: 'Ok', statusMessage: 'send success' });
  return fake;
}
