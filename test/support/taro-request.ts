/**
 * `@tarojs/taro` for the mini-program's service tests: `request` goes over
 * real HTTP (Node's fetch) with the result shape Taro gives the app, storage
 * is an in-memory map. What the services send and how they read answers is
 * then tested against a real server.
 */
const storage = new Map<string, unknown>();

interface RequestOptions {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  dataType?: string;
  timeout?: number;
}

async function request(options: RequestOptions) {
  let res: Response;
  try {
    res = await fetch(options.url, {
      method: options.method ?? 'GET',
      headers: options.header,
      body: options.data === undefined ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data),
      signal: AbortSignal.timeout(options.timeout ?? 60_000),
    });
  } catch (err) {
    throw { errMsg: `request:fail ${(err as Error).message}` };
  }
  const text = await res.text();
  let data: unknown = text;
  if (options.dataType === 'json') {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  const header: Record<string, string> = {};
  res.headers.forEach((value, key) => (header[key] = value));
  return { statusCode: res.status, data, header, errMsg: 'request:ok' };
}

const Taro = {
  request,
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
};

export default Taro;
export { request };
