import type { TestServer } from '../../test/support/test-server';

/**
 * The soak drives the server the way the mini-program does, through the
 * same small HTTP helpers the tests use; they only need the API's address.
 */
export function apiTarget(url: string): TestServer {
  return { url, api: (p: string) => `${url}/api/v1${p}` } as unknown as TestServer;
}

/** Refuses anything but this machine: the soak is a load generator and must never point at a shared or remote host. */
export function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`${what} must be on this machine (loopback), not ${host}`);
}
