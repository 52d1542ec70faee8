import type { ZafClient, ZafContext, ZafMetadata } from './types';

export interface Registration {
  context: ZafContext;
  metadata: ZafMetadata;
}

/**
 * Resolves once Zendesk has answered the handshake (`app.registered`). The SDK's own
 * `context()` and `metadata()` wait for it, and answer at once if it already happened.
 */
export async function whenRegistered(client: ZafClient): Promise<Registration> {
  const [context, metadata] = await Promise.all([client.context(), client.metadata()]);
  return { context, metadata };
}
