/** Posting Zendesk-signed webhook events, as Zendesk's webhook service does. */
import type { Ticket } from '../core/records';
import {
  isoSeconds,
  toZendeskWebhookTicketDetail,
  ulid,
  ZENDESK_ACCOUNT_ID,
} from '../platforms/zendesk/serialize';
import type { ZendeskTicketEventType, ZendeskWebhookEvent } from '../platforms/zendesk/types';
import { signWebhook } from '../platforms/zendesk/webhook-signature';

export const WEBHOOK_ID = '01HSIMULATORWEBHOOK0000001';

export function ticketEvent(
  type: ZendeskTicketEventType,
  ticket: Ticket,
  at: number,
  event: Record<string, unknown>,
  opts: { assigneeId: number | null; seq: number },
): ZendeskWebhookEvent {
  const detail = toZendeskWebhookTicketDetail(ticket, { assigneeId: opts.assigneeId });
  return {
    type,
    account_id: ZENDESK_ACCOUNT_ID,
    id: ulid(at, `${type}:${ticket.id}:${opts.seq}`),
    time: isoSeconds(at),
    zendesk_event_version: '2022-11-06',
    subject: `zen:ticket:${detail.id}`,
    detail,
    event,
  };
}

export interface WebhookDelivery {
  event: ZendeskWebhookEvent;
  status: number | null;
  error?: string;
}

/** Headers and body exactly as Zendesk sends a signed webhook request. */
export function signedRequest(
  event: ZendeskWebhookEvent,
  secret: string,
  at: number,
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event);
  const timestamp = isoSeconds(at);
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'Zendesk Webhook',
      'X-Zendesk-Webhook-Id': WEBHOOK_ID,
      'X-Zendesk-Webhook-Invocation-Id': event.id,
      'X-Zendesk-Webhook-Signature': signWebhook(secret, timestamp, body),
      'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
    },
  };
}

export async function postWebhook(
  url: string,
  secret: string,
  event: ZendeskWebhookEvent,
  at: number,
): Promise<WebhookDelivery> {
  const { body, headers } = signedRequest(event, secret, at);
  try {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return { event, status: res.status };
  } catch (err) {
    return { event, status: null, error: (err as Error).message };
  }
}
