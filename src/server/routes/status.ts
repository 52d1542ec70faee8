import type { FastifyPluginAsync } from 'fastify';
import { listSyncStatus } from '../repo/sync-status';
import { authOf, type ApiOptions } from './context';

export const statusRoutes: FastifyPluginAsync<ApiOptions> = async (app, { db }) => {
  app.get('/status', async (request) => {
    const { tenantId } = authOf(request);
    const now = Date.now();
    const sources = (await listSyncStatus(db, tenantId)).map((s) => ({
      ...s,
      lag_seconds:
        s.data_as_of === null ? null : Math.max(0, Math.round((now - Date.parse(s.data_as_of)) / 1000)),
    }));
    return { now: new Date(now).toISOString(), sources };
  });
};
