import type { FastifyPluginAsync } from 'fastify';
import { bearerToken, verifyToken } from '../http/auth';
import { setAuth, type ApiOptions } from './context';
import { DatasetCache } from '../dataset/dataset-cache';
import { listTenants } from '../repo/tenants';
import { accountRoutes } from './accounts';
import { exportRoutes } from './export';
import { engineRoutes, type EngineOptions } from './metrics';
import { settingsRoutes } from './settings';
import { statusRoutes } from './status';
import { ticketContextRoutes } from './ticket-context';

/** Every route in here is tenant-scoped: the JWT is verified before any handler runs. */
export const apiRoutes: FastifyPluginAsync<
  ApiOptions & { warm?: boolean; firstLoadWaitMs?: number }
> = async (app, { db, tenants, admin, engine, warm, firstLoadWaitMs }) => {
  app.addHook('onRequest', async (request) => {
    setAuth(request, await verifyToken(bearerToken(request.headers.authorization), tenants));
  });
  // Only the context goes down: passing the plugin options on would repeat their prefix.
  const ctx: ApiOptions = { db, tenants, admin };
  await app.register(settingsRoutes, ctx);
  await app.register(statusRoutes, ctx);
  if (engine) {
    const datasets = new DatasetCache(db, (records, settings) => engine.prepare(records, settings), {
      firstLoadWaitMs,
      onError: (err) =>
        app.log.error({ err }, 'loading a dataset failed (a failed rebuild keeps serving the previous one)'),
    });
    // A large tenant takes seconds to minutes to load: start on listening, not on the first request.
    if (warm)
      app.addHook('onListen', async () => {
        void listTenants(db)
          .then((all) => datasets.warm(all.map((t) => t.id)))
          .catch((err: unknown) => app.log.error({ err }, 'listing tenants to warm failed'));
      });
    const withEngine: EngineOptions<unknown> = { ...ctx, engine, datasets };
    await app.register(engineRoutes<unknown>(), withEngine);
    await app.register(accountRoutes<unknown>(), withEngine);
    await app.register(exportRoutes<unknown>(), withEngine);
    await app.register(ticketContextRoutes<unknown>(), withEngine);
  }
};
