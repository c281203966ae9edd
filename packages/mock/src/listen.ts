import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A small loopback HTTP server for the credential test servers. */
export interface LocalServer {
  readonly url: string;
  close(): Promise<void>;
}

/** What a credential test server recorded about one request; header values are kept for assertions. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export type Route = (
  request: SeenRequest,
  url: URL,
) =>
  | { status: number; body: string; contentType?: string }
  | Promise<{ status: number; body: string; contentType?: string }>;

/**
 * Starts `server` on `host` and `port` (0: a free one) and tracks its open sockets, so that closing can end
 * kept-alive connections at once. Resolves to the port taken.
 */
export async function listenTracked(
  server: Server,
  host: string,
  port: number,
): Promise<{ port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { port: (server.address() as AddressInfo).port, sockets };
}

/** Listens on `host` (default 127.0.0.1) and a free port; records every request into `seen`. */
export async function listenLocal(
  route: Route,
  seen: SeenRequest[],
  options: { host?: string; port?: number } = {},
): Promise<LocalServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local.invalid');
      const request: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname + url.search,
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      Promise.resolve(route(request, url))
        .then((reply) => {
          res.writeHead(reply.status, {
            'content-type': reply.contentType ?? 'application/json',
            'content-length': Buffer.byteLength(reply.body),
          });
          res.end(reply.body);
        })
        .catch(() => res.destroy());
    });
  });
  const host = options.host ?? '127.0.0.1';
  const { port, sockets } = await listenTracked(server, host, options.port ?? 0);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
