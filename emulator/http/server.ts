// The local org's HTTP server: loopback only. Every request is path-normalised, faulted (when a
// fault plan says so), authenticated, counted against the daily API limit, routed and logged.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OrgContext, RequestLogEntry } from '../types.js';
import { ApiError, NOT_FOUND_MESSAGE, Router, type RouteRequest, type RouteResponse } from './router.js';
import { StoreError } from '../org/store.js';
import type { FaultDecision } from './faults.js';

export interface ServerHooks {
  /** log every request to stderr */
  verbose?: boolean;
}

/** Collapses '//' (the CLI's saved instance URL ends with '/') and drops a trailing '/'. */
export function normalizePath(rawUrl: string): { path: string; search: string } {
  const q = rawUrl.indexOf('?');
  const rawPath = q >= 0 ? rawUrl.slice(0, q) : rawUrl;
  const search = q >= 0 ? rawUrl.slice(q) : '';
  let path = rawPath.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path: path || '/', search };
}

export function limitHeader(org: OrgContext): string {
  return `api-usage=${org.limits.used}/${org.limits.max}`;
}

const errorBody = (message: string, errorCode: string): unknown => [{ message, errorCode }];

export async function startServer(
  org: OrgContext,
  router: Router<OrgContext>,
  port: number,
  log: RequestLogEntry[],
  hooks: ServerHooks = {}
): Promise<Server> {
  const server = createServer((req, res) => {
    void handle(org, router, log, hooks, req, res);
  });
  // Clients must close idle keep-alive sockets before the server does, or a request sent just as
  // the server closes one dies with ECONNRESET (seen when a client's event loop stalls for seconds).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

export function serverPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function handle(
  org: OrgContext,
  router: Router<OrgContext>,
  log: RequestLogEntry[],
  hooks: ServerHooks,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const started = performance.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const { path, search } = normalizePath(req.url ?? '/');
  let fault: string | undefined;
  const answer = (response: RouteResponse): void => {
    const headers: Record<string, string | number> = { 'Sforce-Limit-Info': limitHeader(org), ...response.headers };
    let payload: string | Buffer | undefined;
    if (response.body === undefined || response.body === null) payload = undefined;
    else if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) payload = response.body;
    else {
      payload = JSON.stringify(response.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json;charset=UTF-8';
      }
    }
    res.writeHead(response.status, headers);
    res.end(payload);
    const entry: RequestLogEntry = {
      method,
      path,
      status: response.status,
      ms: Math.round(performance.now() - started),
    };
    if (fault) entry.fault = fault;
    log.push(entry);
    if (hooks.verbose) console.error(`${method} ${path}${search} → ${response.status} (${entry.ms} ms)`);
  };
  const drop = (): void => {
    log.push({ method, path, status: 0, ms: Math.round(performance.now() - started), fault });
    req.socket.destroy();
  };
  const serverError = (status: 500 | 503): RouteResponse => ({
    status,
    body: errorBody(
      status === 503 ? 'Service temporarily unavailable (fault plan)' : 'An unexpected error occurred (fault plan)',
      status === 503 ? 'SERVER_UNAVAILABLE' : 'UNKNOWN_EXCEPTION'
    ),
  });
  // A fault after the work: the request is handled in full, then its answer is lost.
  let lostAnswer: FaultDecision | undefined;
  const finish = (response: RouteResponse): void => {
    if (lostAnswer?.kind === 'drop') drop();
    else if (lostAnswer?.kind === 'status') answer(serverError(lostAnswer.status));
    else answer(response);
  };
  try {
    const body = await readBody(req);
    const decision = path.startsWith('/services/') ? org.faults.decide(path) : undefined;
    if ((decision?.kind === 'status' || decision?.kind === 'drop') && decision.afterWork) {
      fault = `${decision.kind}-after-work`;
      lostAnswer = decision;
    } else if (decision) {
      fault = decision.kind;
      switch (decision.kind) {
        case 'drop':
          return drop();
        case 'status':
          return answer(serverError(decision.status));
        case 'invalidSession':
          return answer({ status: 401, body: errorBody('Session expired or invalid', 'INVALID_SESSION_ID') });
        case 'limit':
          return answer({ status: 403, body: errorBody('TotalRequests Limit exceeded.', 'REQUEST_LIMIT_EXCEEDED') });
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, decision.ms));
          break;
      }
    }
    const needsSession =
      (path.startsWith('/services/') && !path.startsWith('/services/Soap/')) || path.startsWith('/id/');
    if (needsSession && !authenticated(org, req)) {
      return finish({ status: 401, body: errorBody('Session expired or invalid', 'INVALID_SESSION_ID') });
    }
    if (path.startsWith('/services/')) {
      if (org.limits.used >= org.limits.max) {
        return finish({ status: 403, body: errorBody('TotalRequests Limit exceeded.', 'REQUEST_LIMIT_EXCEEDED') });
      }
      org.limits.used++;
    }
    const match = router.match(method, path);
    if (!('handler' in match)) {
      return finish(
        match.methodMismatch
          ? {
              status: 405,
              body: errorBody(
                `HTTP Method '${method}' not allowed. Allowed are GET,PATCH,DELETE,POST,HEAD`,
                'METHOD_NOT_ALLOWED'
              ),
            }
          : { status: 404, body: errorBody(NOT_FOUND_MESSAGE, 'NOT_FOUND') }
      );
    }
    const url = new URL(`http://127.0.0.1${path}${search}`);
    const request: RouteRequest<OrgContext> = {
      method,
      path,
      url,
      query: url.searchParams,
      params: match.params,
      headers: req.headers,
      body,
      org,
      text: () => body.toString('utf8'),
      json: <T>(): T => {
        try {
          return JSON.parse(body.toString('utf8')) as T;
        } catch (error) {
          throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `Unexpected character in request body: ${(error as Error).message}`
          );
        }
      },
    };
    finish(await match.handler(request));
  } catch (error) {
    if (error instanceof ApiError) return finish({ status: error.status, body: error.toBody() });
    if (error instanceof StoreError)
      return finish({ status: error.status, body: errorBody(error.message, error.errorCode) });
    if (hooks.verbose) console.error(error);
    finish({
      status: 500,
      body: errorBody(`An unexpected error occurred: ${(error as Error).message}`, 'UNKNOWN_EXCEPTION'),
    });
  }
}

function authenticated(org: OrgContext, req: IncomingMessage): boolean {
  const header = req.headers.authorization;
  if (!header) return false;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
  return !!m && org.sessions.has(m[1]);
}
