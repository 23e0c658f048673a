import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  createCloudApiClient,
  type CloudApiClient,
  type CloudApiConfig,
} from '../../../electron/core/cloud-api';

/** Long enough to be mistaken for a real token, distinctive enough to grep for in any output. */
export const TOKEN = 'EAAGtestTOKEN0123456789secretVALUEzz';
export const PHONE_ID = '106540352242922';
export const WABA_ID = '102290129340398';
export const VERSION = 'v23.0';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Return values are ignored; a rejected promise destroys the connection. */
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  recorded: RecordedRequest,
) => unknown;

export interface FakeServer {
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Every TCP connection the server accepted, in order. */
  sockets: Socket[];
  /** Resolves when the server side of connection `index` is closed. */
  socketClosed: (index: number) => Promise<void>;
  close: () => Promise<void>;
}

/** A tiny HTTP server on 127.0.0.1:0 whose every answer is decided by the test. */
export const startServer = async (handler: Handler): Promise<FakeServer> => {
  const requests: RecordedRequest[] = [];
  const sockets: Socket[] = [];
  const closed = new Map<Socket, Promise<void>>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      void Promise.resolve(handler(req, res, recorded)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.push(socket);
    closed.set(socket, new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    sockets,
    socketClosed: (index) => {
      const socket = sockets[index];
      if (!socket) throw new Error(`no connection #${index}`);
      return closed.get(socket)!;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

export const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

/** A port nobody listens on: bind one, then release it. */
export const unusedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

/** Collects servers and clients so every test closes what it opened, pass or fail. */
export const harness = () => {
  const servers: FakeServer[] = [];
  const clients: CloudApiClient[] = [];
  return {
    server: async (handler: Handler): Promise<FakeServer> => {
      const s = await startServer(handler);
      servers.push(s);
      return s;
    },
    client: (baseUrl: string, overrides: Partial<CloudApiConfig> = {}): CloudApiClient => {
      const c = createCloudApiClient({
        baseUrl,
        graphVersion: VERSION,
        phoneNumberId: PHONE_ID,
        wabaId: WABA_ID,
        getToken: () => TOKEN,
        timeoutMs: 200,
        ...overrides,
      });
      clients.push(c);
      return c;
    },
    cleanup: async (): Promise<void> => {
      clients.splice(0).forEach((c) => c.close());
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  };
};

/** A minimal template send body (cloud-api.md §1.4 named example). */
export const SEND_BODY = {
  messaging_product: 'whatsapp' as const,
  recipient_type: 'individual' as const,
  to: '+16505551234',
  type: 'template' as const,
  template: {
    name: 'order_confirmation',
    language: { code: 'en_US' },
    components: [
      {
        type: 'body' as const,
        parameters: [
          { type: 'text' as const, parameter_name: 'first_name', text: 'Jessica' },
          { type: 'text' as const, parameter_name: 'order_number', text: 'SKBUP2-4CPIG9' },
        ],
      },
    ],
  },
};
