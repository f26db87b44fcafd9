import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values never reach a log line, at any depth we log (privacy.md,
 * "Logs"). pino's redaction takes explicit paths, so the list is spelled out
 * for the top level and one and two levels down.
 */
const SENSITIVE_KEYS = [
  'phone', 'contactPhone', 'phoneNumber', 'purePhoneNumber', 'name', 'recipientName', 'contactName',
  'address', 'idNumber', 'openid', 'openId', 'unionid', 'unionId', 'session_key', 'sessionKey',
  'token', 'accessToken', 'access_token', 'smsCode', 'devCode', 'js_code', 'secret', 'password',
  'authorization', 'cookie', 'set-cookie',
];

export const REDACT_PATHS = [
  ...SENSITIVE_KEYS.map((k) => `["${k}"]`),
  ...SENSITIVE_KEYS.map((k) => `*["${k}"]`),
  ...SENSITIVE_KEYS.map((k) => `*.*["${k}"]`),
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'scopedesk' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
