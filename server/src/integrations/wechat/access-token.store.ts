/** An access token and when it stops working (epoch ms). */
export interface StoredAccessToken {
  token: string;
  expiresAt: number;
}

/**
 * Where the access token is kept between calls. With several server
 * instances this is Redis, and `withLock` a Redis lock, so the instances
 * share one token and one refresh instead of invalidating each other's.
 */
export interface TokenStore {
  get(): Promise<StoredAccessToken | undefined>;
  set(token: StoredAccessToken): Promise<void>;
  /** Runs `fn` while no other holder of this store runs its own `fn`. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

/** For one process: the token in memory, and a lock that queues callers in order. */
export function createMemoryTokenStore(): TokenStore {
  let stored: StoredAccessToken | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    get: async () => stored,
    set: async (token) => {
      stored = { ...token };
    },
    withLock: <T>(fn: () => Promise<T>) => {
      const run = tail.then(() => fn());
      tail = run.catch(() => undefined);
      return run;
    },
  };
}
