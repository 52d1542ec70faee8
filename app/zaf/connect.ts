import ZAFClient from 'zendesk_app_framework_sdk';
import type { ZafClient } from './types';

/** Thrown when the page is opened outside Zendesk (no `origin` and `app_guid` in its URL). */
export class NotInZendeskError extends Error {
  constructor() {
    super('This page runs inside Zendesk: open it from the agent workspace (or the workbench, `npm start`).');
    this.name = 'NotInZendeskError';
  }
}

/** Starts the real SDK's handshake with the parent frame. */
export function initClient(): ZafClient {
  const client = ZAFClient.init();
  if (!client) throw new NotInZendeskError();
  return client as ZafClient;
}
