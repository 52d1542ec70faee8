/**
 * Zendesk webhook signatures: `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256,
 * keyed by the webhook's signing secret, of the `X-Zendesk-Webhook-Signature-Timestamp`
 * header value followed directly by the raw request body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';

export function signWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

export interface VerifyOptions {
  /** Reject timestamps further than this from `now` (replay protection); omit to skip. */
  toleranceSeconds?: number;
  /** Epoch ms; defaults to the clock. */
  now?: number;
}

/**
 * True when `signature` is the signature of `timestamp` + `rawBody` under `secret`
 * (compared in constant time) and, if asked, the timestamp is fresh. Pass the body
 * exactly as received: re-serialized JSON does not verify.
 */
export function verifyWebhook(
  secret: string,
  timestamp: string | undefined,
  rawBody: string | Buffer,
  signature: string | undefined,
  opts: VerifyOptions = {},
): boolean {
  if (!timestamp || !signature) return false;
  if (opts.toleranceSeconds !== undefined) {
    const at = Date.parse(timestamp);
    if (Number.isNaN(at) || Math.abs((opts.now ?? Date.now()) - at) > opts.toleranceSeconds * 1000)
      return false;
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
