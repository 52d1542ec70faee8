import { backendRequestOptions } from '../zaf/backend-request';
import type { ZafSession } from '../zaf/ClientProvider';
import type { ZafRequestOptions } from '../zaf/types';

/** The agent's id, which the proxy-signed token carries as `sub`. */
async function currentUserId(session: ZafSession): Promise<number | string> {
  const result = await session.client.get('currentUser.id');
  return result['currentUser.id'] as number | string;
}

/**
 * Calls the Portal Pulse backend through Zendesk's proxy (never directly: the proxy holds
 * the shared secret). Rejects when no backend is configured.
 */
export async function callBackend<T>(
  session: ZafSession,
  path: string,
  init: Pick<ZafRequestOptions, 'type' | 'data' | 'contentType'> = {},
): Promise<T> {
  const { backendUrl } = session.settings;
  if (!backendUrl) throw new Error('no backend URL is configured in the app settings');
  const userId = await currentUserId(session);
  return session.client.request<T>(
    backendRequestOptions(backendUrl, path, { context: session.context, userId }, init),
  );
}

/** GET /api/v1/status: how far each ingestion source has got. */
export interface BackendStatus {
  now: string;
  sources: Array<{
    source: string;
    data_as_of: string | null;
    lag_seconds: number | null;
    last_error: string | null;
  }>;
}

export function fetchBackendStatus(session: ZafSession): Promise<BackendStatus> {
  return callBackend<BackendStatus>(session, '/api/v1/status');
}
