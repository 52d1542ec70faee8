import type { FastifyPluginAsync } from 'fastify';
import { parseWindow } from '../http/query';
import {
  changedKeys,
  getSettings,
  listSettingsChanges,
  recordSettingsChange,
  saveSettings,
} from '../repo/settings';
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
      const keys = changedKeys(current, next);
      await db.transaction(async (tx) => {
        await saveSettings(tx, tenantId, next);
        if (keys.length > 0) await recordSettingsChange(tx, tenantId, userId, keys);
      });
      return { settings: next };
    },
  );

  /** When settings changed, for markers on trend charts. */
  app.get<{ Querystring: { from: string; to: string } }>(
    '/settings/history',
    {
      schema: {
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: { from: { type: 'string' }, to: { type: 'string' } },
        },
      },
    },
    async (request) => {
      const { tenantId } = authOf(request);
      const window = parseWindow(request.query);
      return { changes: await listSettingsChanges(db, tenantId, window.from, window.to) };
    },
  );
};
