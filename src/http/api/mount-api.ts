import type { Express } from 'express';
import type { AppContext } from '../../app/app-context.js';
import { MongoApiKeys } from '../../infra/mongo/mongo-api-keys.js';
import { MongoContractsByEmail } from '../../infra/mongo/mongo-contracts-by-email.js';
import { contractModel } from '../../infra/mongo/models/contract-model.js';
import { MongoIdempotency } from '../../infra/mongo/mongo-idempotency.js';
import { createMongoRenewalRepository } from '../../infra/mongo/mongo-renewal-repository.js';
import { createApiRouter } from './create-api-router.js';

/** Mounts the REST API at /api/v1 on the service's app (before the app's own 404 and error handlers). */
export async function mountApi(app: Express, ctx: AppContext): Promise<void> {
  const { webhooks } = ctx;
  if (!webhooks) throw new Error('the API needs the webhook services (opened with the database by openDatabase)');
  const keys = new MongoApiKeys(ctx.connection);
  await keys.init();
  // GET /contracts pages in (updatedAt, _id) order: only the API needs this index.
  await contractModel(ctx.connection).collection.createIndex({ updatedAt: 1, _id: 1 }, { name: 'api_updated_order' });
  const { env, connection } = ctx;
  app.use(
    '/api/v1',
    createApiRouter({
      ctx,
      keys,
      idempotency: new MongoIdempotency(connection),
      renewals: await createMongoRenewalRepository(connection),
      contractsByEmail: new MongoContractsByEmail(connection),
      // The upload reader and document store are the chat uploads' (built on first use).
      terms: async () => (await ctx.askServices()).terms,
      perKeyPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
      webhooks: webhooks.subscriptions,
      checkWebhookUrl: webhooks.deps.checkUrl,
    }),
  );
}
