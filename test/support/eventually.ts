/**
 * Retries an assertion until it passes or the time is up, for work the
 * server does in the background (the outbox worker). The last failure is
 * what the test reports.
 */
export async function eventually<T>(check: () => Promise<T> | T, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 25));
    }
  }
}
