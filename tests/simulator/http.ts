/** A tiny authenticated client for the simulator's tests. */
import { basicAuthHeader } from '../../src/simulator/server';

export const AUTH = basicAuthHeader('admin@demo.test', 'demo-token');

export interface Got {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function get(base: string, pathOrUrl: string, auth: string | null = AUTH): Promise<Got> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${base}${pathOrUrl}`;
  const res = await fetch(url, { headers: auth === null ? {} : { authorization: auth } });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Truncated bodies are the point of some tests; they read `text`.
  }
  return { status: res.status, headers: res.headers, text, json };
}
