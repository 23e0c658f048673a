import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import type { NetworkFailure } from '../../../shared/domain/errors';

/*
 * node:http rather than fetch: undici reports every transport problem as "fetch failed" and cannot
 * tell us whether the request had left this computer. Here we see the socket connect, so a timeout
 * or reset can be split into "never sent" (safe to resend) and "maybe accepted" (must not be resent).
 */

export interface TransportOptions {
  secure: boolean;
  maxSockets: number;
  idleSocketMs: number;
  lookup?: LookupFunction;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: URL;
  headers: Record<string, string | number>;
  body?: Buffer | Readable;
  timeoutMs: number;
  /** 'total': the whole exchange must finish in timeoutMs. 'idle': only silence longer than timeoutMs fails (uploads). */
  timeoutKind: 'total' | 'idle';
  /** Responses larger than this are cut off and reported as a reset. */
  maxResponseBytes: number;
}

export type TransportResult =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  /** `requestSent`: the connection to the server was up, so (part of) the request may have arrived. */
  | { kind: 'network'; network: NetworkFailure; requestSent: boolean; message: string }
  /** The request body stream failed (e.g. the media file vanished); the server got an incomplete request. */
  | { kind: 'local'; message: string };

export interface Transport {
  request: (req: TransportRequest) => Promise<TransportResult>;
  close: () => void;
}

const REFUSED = new Set(['ECONNREFUSED']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const OFFLINE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Maps a Node socket error to the failure kinds the classifier knows. Anything unrecognised counts as a
 * reset once connected (worst case: maybe sent) and as refused before (a TLS or proxy failure: nothing sent).
 */
export const networkKindOf = (error: unknown, connected: boolean): NetworkFailure => {
  const code = errorCode(error) ?? '';
  if (REFUSED.has(code)) return 'refused';
  if (DNS.has(code)) return 'dns';
  if (OFFLINE.has(code)) return 'offline';
  if (TIMEOUT.has(code)) return 'timeout';
  return connected ? 'reset' : 'refused';
};

class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export const createTransport = (options: TransportOptions): Transport => {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    maxFreeSockets: options.maxSockets,
    // Idle timeout of pooled sockets only; requests use their own timers below.
    timeout: options.idleSocketMs,
    // Most recently used first: sequential calls keep riding one warm connection.
    scheduling: 'lifo' as const,
  };
  const agent = options.secure ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  const send = options.secure ? httpsRequest : httpRequest;
  let closed = false;

  const request = (spec: TransportRequest): Promise<TransportResult> => {
    if (closed) return Promise.reject(new Error('Cloud API client is closed'));
    return new Promise<TransportResult>((resolve) => {
      let settled = false;
      let connected = false;
      let timedOut = false;
      let bodyError: unknown;
      let timer: NodeJS.Timeout | undefined;

      const finish = (result: TransportResult): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        resolve(result);
      };

      const fail = (error: unknown): void => {
        if (bodyError !== undefined)
          return finish({ kind: 'local', message: errorMessage(bodyError) });
        const network = timedOut ? 'timeout' : networkKindOf(error, connected);
        finish({ kind: 'network', network, requestSent: connected, message: errorMessage(error) });
      };

      const req: ClientRequest = send(spec.url, {
        method: spec.method,
        headers: spec.headers,
        agent,
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });

      const expire = (): void => {
        if (settled) return;
        timedOut = true;
        // Destroying (not aborting politely) closes the socket, so it is never handed to another request.
        req.destroy(new DeadlineError(`no answer within ${spec.timeoutMs} ms`));
      };
      if (spec.timeoutKind === 'total') timer = setTimeout(expire, spec.timeoutMs);
      else req.setTimeout(spec.timeoutMs, expire);

      req.on('socket', (socket: Socket) => {
        // A pooled socket is already connected; a fresh one carries nothing until TCP (and TLS) setup ends.
        if (req.reusedSocket || (!options.secure && !socket.connecting)) connected = true;
        else
          socket.once(options.secure ? 'secureConnect' : 'connect', () => {
            connected = true;
          });
      });

      req.on('error', fail);

      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > spec.maxResponseBytes)
            req.destroy(new Error(`response larger than ${spec.maxResponseBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          finish({
            kind: 'response',
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          });
        });
        res.on('error', fail);
        // A body cut short (reset mid-response, our deadline, the size cap) may not reach req's 'error'.
        res.on('close', () => {
          if (!res.complete) fail(new Error('connection closed before the whole answer arrived'));
        });
      });

      if (spec.body === undefined) req.end();
      else if (Buffer.isBuffer(spec.body)) req.end(spec.body);
      else {
        const stream = spec.body;
        stream.once('error', (error: unknown) => {
          bodyError = error;
        });
        // Errors reach us through req's 'error' (pipeline destroys req); the callback has nothing to add.
        pipeline(stream, req, () => undefined);
      }
    });
  };

  return {
    request,
    close: () => {
      closed = true;
      agent.destroy();
    },
  };
};
