/**
 * A UUID-shaped key for `Idempotency-Key`. Create it once per user action and
 * reuse it on retries, so a resent create returns the first result.
 * Math.random is enough: the key must be unique, not secret, and
 * crypto.getRandomValues is missing in the WeChat runtime.
 */
export function createIdempotencyKey(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16)
  })
}
