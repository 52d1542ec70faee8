/**
 * The part of the ZAF SDK client the app uses, typed. The SDK ships no types; these follow its
 * source (node_modules/zendesk_app_framework_sdk/lib/client.js) and Zendesk's ZAF reference.
 */

/** Locations this app declares in manifest.json. */
export type LocationName = 'ticket_sidebar' | 'organization_sidebar' | 'nav_bar';

/** The context Zendesk sends with `app.registered` (and answers to `client.context()`). */
export interface ZafContext {
  host: string;
  product: string;
  location: string;
  instanceGuid: string;
  account: { subdomain: string };
  ticketId?: number;
}

/** The metadata Zendesk sends with `app.registered`; secure settings are never among `settings`. */
export interface ZafMetadata {
  appId: number;
  installationId: number | string;
  name: string;
  version: string;
  settings: Record<string, unknown>;
}

/** What `client.get(path)` resolves to: each path keyed by itself, plus errors per path. */
export type ZafGetResult = Record<string, unknown> & { errors?: Record<string, { message: string }> };

/** The request options Zendesk's proxy understands (a subset of jQuery.ajax's, plus ZAF's own). */
export interface ZafRequestOptions {
  url: string;
  type?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  data?: string | Record<string, unknown>;
  contentType?: string;
  dataType?: 'json' | 'text';
  headers?: Record<string, string>;
  /** true routes through Zendesk's proxy without `{{setting.*}}` substitution of secure settings. */
  cors?: boolean;
  /** Substitute secure settings (`{{setting.name}}`) on the proxy. */
  secure?: boolean;
  /** Ask the proxy to sign a JWT; `{{jwt.token}}` in headers or url is replaced with it. */
  jwt?: {
    algorithm: 'HS256';
    secret_key: string;
    /** Seconds until `exp`. */
    expiry?: number;
    claims?: Record<string, string | number>;
  };
}

/** What a failed `client.request` rejects with (jqXHR-like). */
export interface ZafRequestError {
  status: number;
  statusText?: string;
  responseText?: string;
  responseJSON?: unknown;
}

export type ZafHandler = (data: unknown) => void;

export interface ZafClient {
  on(event: string, handler: ZafHandler): void;
  off(event: string, handler: ZafHandler): void;
  has(event: string, handler: ZafHandler): boolean;
  trigger(event: string, data?: unknown): void;
  get(path: string | string[]): Promise<ZafGetResult>;
  set(path: string, value: unknown): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<Record<string, unknown>>;
  request<T = unknown>(options: ZafRequestOptions | string): Promise<T>;
  metadata(): Promise<ZafMetadata>;
  context(): Promise<ZafContext>;
}
