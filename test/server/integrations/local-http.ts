import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

export interface LocalServer {
  baseUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * A throwaway HTTP server on 127.0.0.1 for playing an upstream API the way a
 * test needs it. The handler returns the JSON body (status 200) — an object,
 * or a string sent as is — or `undefined` to never answer (for timeouts).
 */
export async function startLocalServer(handler: (req: ReceivedRequest) => object | string | undefined): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer(async (req, res) => {
    let rawBody = '';
    for await (const chunk of req) rawBody += chunk;
    const url = new URL(req.url ?? '/', 'http://local');
    const request = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, rawBody };
    received.push(request);
    const answer = handler(request);
    if (answer === undefined) return;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
