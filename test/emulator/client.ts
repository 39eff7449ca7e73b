// A tiny REST client for the in-process emulator tests.
import type { LocalOrg } from '../../emulator/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

export async function call(
  org: LocalOrg,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {}
): Promise<Reply> {
  const response = await fetch(`${org.instanceUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${org.accessToken}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const v = '/services/data/v62.0';

export async function query(org: LocalOrg, soql: string, all = false): Promise<Reply> {
  return call(org, 'GET', `${v}/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`);
}
