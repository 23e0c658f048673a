import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleTemplateAnalytics, handleWabaUpdate } from './analytics';
import { GraphFailure } from './errors';
import { handleFeed } from './feed';
import { handleHistory } from './history';
import { failureReply, writeReply, type Reply, type RouteRequest } from './http';
import { handleMediaUpload } from './media';
import { handleInboundMediaGet, serveInboundMedia } from './inbound-media';
import { handlePhoneNumber } from './phone-number';
import { handleMarketingSend, handleSend } from './messages';
import type { SandboxState } from './state';
import { handleTemplates } from './templates';
import {
  handleCreateTemplate,
  handleDeleteTemplates,
  handleEditTemplate,
  handleGetTemplate,
} from './studio/templates-write';
import {
  handleApp,
  handleStartUpload,
  handleUploadBytes,
  handleUploadStatus,
} from './studio/uploads';
import { handleLibrary } from './studio/library';
import { handleWaba, handleWabaPhoneNumbers } from './waba';
import type { FaultRoute } from './types';

/** Loopback only: the sandbox is a local test double, never a network service. */
export const SANDBOX_HOST = '127.0.0.1';

const VERSION = /^v\d+\.\d+$/;

type Handler = (state: SandboxState, rr: RouteRequest) => Reply | Promise<Reply>;

type RouteSpec = { method: string; route: FaultRoute; handler: Handler };

const ROUTES: Record<string, RouteSpec[]> = {
  messages: [{ method: 'POST', route: 'messages', handler: handleSend }],
  marketing_messages: [{ method: 'POST', route: 'messages', handler: handleMarketingSend }],
  media: [{ method: 'POST', route: 'media', handler: handleMediaUpload }],
  message_templates: [
    { method: 'GET', route: 'templates', handler: handleTemplates },
    { method: 'POST', route: 'templates', handler: handleCreateTemplate },
    { method: 'DELETE', route: 'templates', handler: handleDeleteTemplates },
  ],
  message_history: [{ method: 'GET', route: 'history', handler: handleHistory }],
  template_analytics: [{ method: 'GET', route: 'analytics', handler: handleTemplateAnalytics }],
  phone_numbers: [{ method: 'GET', route: 'phone_number', handler: handleWabaPhoneNumbers }],
  uploads: [{ method: 'POST', route: 'media', handler: handleStartUpload }],
};
// A node itself: GET /{version}/{waba-id} is the WABA, any other id the phone number (which
// answers code 100 for an id it does not know, as Graph does).
const NODE_ROUTE: RouteSpec = {
  method: 'GET',
  route: 'phone_number',
  handler: (state: SandboxState, rr: RouteRequest) =>
    rr.objectId === state.account.wabaId
      ? handleWaba(state, rr)
      : state.media.get(rr.objectId)?.inbound
        ? handleInboundMediaGet(state, rr)
        : handlePhoneNumber(state, rr),
};
// POST /{version}/{waba-id}?is_enabled_for_insights=true: the template analytics opt-in.
const WABA_UPDATE_ROUTE: RouteSpec = {
  method: 'POST',
  route: 'analytics',
  handler: handleWabaUpdate,
};

/** Routes of a bare node: the app, an upload session, a template, else the WABA / phone number. */
function nodeRoutes(state: SandboxState, objectId: string): RouteSpec[] {
  if (objectId === 'app') return [{ method: 'GET', route: 'templates', handler: handleApp }];
  if (objectId === 'message_template_library')
    return [{ method: 'GET', route: 'templates', handler: handleLibrary }];
  if (objectId.startsWith('upload:'))
    return [
      { method: 'GET', route: 'media', handler: handleUploadStatus },
      { method: 'POST', route: 'media', handler: handleUploadBytes },
    ];
  if (state.templates.some((t) => t.id === objectId))
    return [
      { method: 'GET', route: 'templates', handler: handleGetTemplate },
      { method: 'POST', route: 'templates', handler: handleEditTemplate },
    ];
  return [NODE_ROUTE, WABA_UPDATE_ROUTE];
}

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** Tracks every timer and socket so close() can leave nothing behind. */
export class Resources {
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly sockets = new Set<Socket>();

  later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.timers.delete(t);
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

const drop = (req: IncomingMessage): void => {
  req.socket.destroy();
};

async function runHandler(handler: Handler, state: SandboxState, rr: RouteRequest): Promise<Reply> {
  try {
    return await handler(state, rr);
  } catch (e) {
    if (e instanceof GraphFailure) return failureReply(e);
    throw e;
  }
}

async function graphRoute(
  state: SandboxState,
  res: Resources,
  rr: RouteRequest,
  out: ServerResponse,
): Promise<void> {
  const segments = rr.pathname.split('/').filter(Boolean);
  const candidates =
    segments.length === 3
      ? ROUTES[segments[2]!]
      : segments.length === 2
        ? nodeRoutes(state, rr.objectId)
        : undefined;
  const route = candidates?.find((r) => r.method === rr.req.method) ?? candidates?.[0];
  if (!route) {
    return writeReply(
      out,
      failureReply(new GraphFailure(100, `Unknown path components: ${rr.pathname}`, 404)),
      rr.version,
    );
  }
  if (rr.req.method !== route.method) {
    const f = new GraphFailure(
      100,
      `Unsupported ${(rr.req.method ?? '').toLowerCase()} request on ${segments.slice(1).join('/')}.`,
    );
    return writeReply(out, failureReply(f), rr.version);
  }

  const isSend = route.route === 'messages';
  const fault = state.faults.draw(route.route);
  const count = (reply: Reply): void => {
    if (isSend && reply.errorCode !== undefined) state.countRejected(reply.errorCode);
  };

  if (fault.action === 'reset' || fault.action === 'timeout') {
    if (isSend) state.countDropped();
    if (fault.action === 'reset') return drop(rr.req);
    // Read and ignore the body, so the client believes it was sent and waits for an answer.
    rr.req.resume();
    const timer = res.later(state.faults.timeoutMs(), () => drop(rr.req));
    rr.req.socket.once('close', () => res.cancel(timer));
    return;
  }

  let reply: Reply;
  if (fault.action === 'serverError') {
    rr.req.resume();
    const details =
      fault.serverCode === 2
        ? 'Service temporarily unavailable. Please retry.'
        : 'Something went wrong. Please retry.';
    reply = failureReply(new GraphFailure(fault.serverCode, details));
  } else {
    reply = await runHandler(route.handler, state, rr);
  }
  count(reply);
  if (fault.action === 'acceptThenReset' && reply.accepted) return drop(rr.req);

  const slow = state.faults.slowMs(route.route);
  if (slow > 0) {
    const timer = res.later(slow, () => writeReply(out, reply, rr.version));
    out.once('close', () => res.cancel(timer));
    return;
  }
  writeReply(out, reply, rr.version);
}

export function createSandboxServer(
  state: SandboxState,
  resources: Resources,
  baseUrl: () => string,
): Server {
  const server = createServer((req, out) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl());
      const segments = url.pathname.split('/').filter(Boolean);
      if (segments.length === 1 && segments[0] === 'events') {
        return writeReply(out, handleFeed(state.feed, state.feedToken, req, url.searchParams));
      }
      // A customer's file, from the URL GET /{media-id} gave (bearer access token, as Meta's).
      if (segments.length === 2 && segments[0] === '_media' && req.method === 'GET')
        return serveInboundMedia(
          state,
          decodeURIComponent(segments[1]!),
          req.headers.authorization,
          out,
        );
      // The simulator's own counters, for benchmarks and tests in another process (feed token).
      if (segments.length === 2 && segments[0] === '_sandbox' && segments[1] === 'stats') {
        const ok = req.headers.authorization === `Bearer ${state.feedToken}`;
        return writeReply(
          out,
          ok
            ? { status: 200, body: state.stats() }
            : { status: 401, body: { error: { message: 'Bearer feed token required.' } } },
        );
      }
      const version = segments[0];
      if (version === undefined || !VERSION.test(version) || segments.length < 2) {
        return writeReply(
          out,
          failureReply(new GraphFailure(100, `Unknown path components: ${url.pathname}`, 404)),
        );
      }
      const rr: RouteRequest = {
        req,
        version,
        // The app's client percent-encodes each segment (`upload%3A…`); Graph reads either.
        objectId: safeDecode(segments[1]!),
        query: url.searchParams,
        baseUrl: baseUrl(),
        pathname: url.pathname,
      };
      await graphRoute(state, resources, rr, out);
    })().catch((e: unknown) => {
      console.error('sandbox: request failed', e);
      if (out.headersSent) return void out.destroy();
      writeReply(out, {
        ...failureReply(new GraphFailure(1, 'An unexpected error happened in the sandbox.')),
        status: 500,
      });
    });
  });
  server.on('connection', (socket) => {
    resources.sockets.add(socket);
    socket.once('close', () => resources.sockets.delete(socket));
  });
  return server;
}
