import type { FastifyPluginAsync } from 'fastify';
import { getSettings, saveSettings } from '../repo/settings';
import { mergeSettings, parseSettings } from '../settings-schema';
import { authOf, type ApiOptions } from './context';

export const settingsRoutes: FastifyPluginAsync<ApiOptions> = async (app, { db, admin }) => {
  app.get('/settings', async (request) => {
    const { tenantId } = authOf(request);
    return { settings: await getSettings(db, tenantId) };
  });

  app.put(
    '/settings',
    { schema: { body: { type: 'object', description: 'all or part of the settings object' } } },
    async (request) => {
      const { tenantId, userId } = authOf(request);
      await admin.require(tenantId, userId);
      const current = await getSettings(db, tenantId);
      const next = parseSettings(mergeSettings(current, request.body));
      await saveSettings(db, tenantId, next);
      return { settings: next };
    },
  );
};
