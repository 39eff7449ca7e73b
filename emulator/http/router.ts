/**
 * A small router for the local org's HTTP server.
 *
 * How other parts mount their endpoints (emulator/metadata/routes.ts, emulator/bulk/routes.ts):
 *
 *   export function registerBulkRoutes(router: Router, org: LocalOrgContext): void {
 *     router.add('POST', '/services/data/:version/jobs/ingest', async (req) => {
 *       const body = req.json<{ object: string }>();
 *       return { status: 200, body: { id: '750…', state: 'Open' } };   // objects are sent as JSON
 *     });
 *     router.add('PUT', '/services/data/:version/jobs/ingest/:jobId/batches', (req) => ({ status: 201 }));
 *   }
 *
 * Patterns are '/'-separated; ':name' matches one segment (decoded into req.params.name), a final
 * '*rest' matches the remaining path. ':version' segments match 'v62.0'-style versions only.
 * The server has already authenticated the request, counted it against the API limit, applied
 * the fault plan and collapsed '//' in the path. Handlers return {status, headers?, body?}:
 * body as a string or Buffer is sent as is (set content-type yourself), anything else as JSON.
 * Throw `new ApiError(status, errorCode, message, fields?)` for Salesforce-shaped errors
 * ([{message, errorCode, fields}]); other exceptions become 500 UNKNOWN_EXCEPTION.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface RouteRequest<Org = unknown> {
  method: string;
  /** normalised path, no query string, e.g. /services/data/v62.0/query */
  path: string;
  url: URL;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  org: Org;
  /** body parsed as JSON; throws ApiError 400 JSON_PARSER_ERROR when it is not JSON */
  json<T = unknown>(): T;
  /** body as UTF-8 text */
  text(): string;
}

export interface RouteResponse {
  status: number;
  headers?: Record<string, string | number>;
  body?: unknown;
}

export type RouteHandler<Org = unknown> = (req: RouteRequest<Org>) => RouteResponse | Promise<RouteResponse>;

/** A Salesforce-shaped REST error: answered as HTTP status with [{message, errorCode, fields}]. */
export class ApiError extends Error {
  public constructor(
    public readonly status: number,
    public readonly errorCode: string,
    message: string,
    public readonly fields?: string[]
  ) {
    super(message);
    this.name = 'ApiError';
  }

  public toBody(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [
      this.fields
        ? { message: this.message, errorCode: this.errorCode, fields: this.fields }
        : { message: this.message, errorCode: this.errorCode },
    ];
  }
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

interface Route<Org> {
  method: string;
  segments: string[];
  handler: RouteHandler<Org>;
}

export interface RouteMatch<Org> {
  handler: RouteHandler<Org>;
  params: Record<string, string>;
}

export class Router<Org = unknown> {
  private readonly routes: Array<Route<Org>> = [];

  /** Later registrations of the same method+pattern win over earlier ones. */
  public add(method: string, pattern: string, handler: RouteHandler<Org>): void {
    this.routes.unshift({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
  }

  /**
   * Finds a handler; `methodMismatch` tells a 405 from a 404. The most specific pattern wins
   * (more literal segments: `sobjects/:type/describe` beats `sobjects/:type/:id`); on a tie,
   * the later registration.
   */
  public match(method: string, path: string): RouteMatch<Org> | { methodMismatch: boolean } {
    const segments = splitPath(path);
    let methodMismatch = false;
    let best: { route: Route<Org>; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method !== method.toUpperCase() && route.method !== '*') {
        methodMismatch = true;
        continue;
      }
      const score = route.segments.filter((s) => !s.startsWith(':') && !s.startsWith('*')).length;
      if (!best || score > best.score) best = { route, params, score };
    }
    return best ? { handler: best.route.handler, params: best.params } : { methodMismatch };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], path: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith('*')) {
      params[p.slice(1) || 'rest'] = path.slice(i).map(safeDecode).join('/');
      return params;
    }
    if (i >= path.length) return undefined;
    const seg = path[i];
    if (p === ':version') {
      if (!/^v\d+\.\d$/.test(seg)) return undefined;
      params.version = seg.slice(1);
    } else if (p.startsWith(':')) {
      params[p.slice(1)] = safeDecode(seg);
    } else if (p.toLowerCase() !== seg.toLowerCase()) {
      return undefined;
    }
  }
  return pattern.length === path.length ? params : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
