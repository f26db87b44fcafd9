import type { StoredAccessToken, TokenStore } from './access-token.store';

/**
 * Renew this long before expiry. Inside stable_token's own five-minute early
 * renewal window, so the normal call that renews gets a new token rather than
 * the old one back again.
 */
export const REFRESH_BEFORE_EXPIRY_MS = 4 * 60_000;

export interface AccessTokenSource {
  /** A token with some life left: from the store, or fetched once for all callers. */
  current(): Promise<string>;
  /**
   * WeChat refused `rejected` (40001/42001): a forced refresh, unless another
   * caller already replaced that token — forced refreshes are limited per day.
   */
  replace(rejected: string): Promise<string>;
}

/**
 * The one place that fetches and caches the access token. Callers in this
 * process share one in-flight fetch; the store's lock extends that across
 * processes, and the check under the lock means whoever waited uses the
 * token the lock holder fetched.
 */
export function createAccessTokenSource(deps: {
  store: TokenStore;
  now: () => number;
  fetchToken(forceRefresh: boolean): Promise<{ token: string; expiresInSeconds: number }>;
}): AccessTokenSource {
  const inFlight = new Map<string, Promise<string>>();
  const usable = (t: StoredAccessToken | undefined): t is StoredAccessToken =>
    t !== undefined && t.expiresAt - REFRESH_BEFORE_EXPIRY_MS > deps.now();

  const once = (key: string, work: () => Promise<string>): Promise<string> => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = work().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };

  const fetchAndStore = async (forceRefresh: boolean) => {
    const fetched = await deps.fetchToken(forceRefresh);
    await deps.store.set({ token: fetched.token, expiresAt: deps.now() + fetched.expiresInSeconds * 1000 });
    return fetched.token;
  };

  return {
    async current() {
      const stored = await deps.store.get();
      if (usable(stored)) return stored.token;
      return once('current', () =>
        deps.store.withLock(async () => {
          const again = await deps.store.get();
          return usable(again) ? again.token : fetchAndStore(false);
        }),
      );
    },
    replace(rejected) {
      return once(`replace:${rejected}`, () =>
        deps.store.withLock(async () => {
          const stored = await deps.store.get();
          return usable(stored) && stored.token !== rejected ? stored.token : fetchAndStore(true);
        }),
      );
    },
  };
}
