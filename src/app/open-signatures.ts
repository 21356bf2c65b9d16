import type { Env } from '../config/env.js';
import { pemFromEnv } from '../config/env.js';
import type { SignatureProvider } from '../core/ports/signature-provider.js';
import type { SignatureCallbackDeps } from '../core/services/signature-callback-deps.js';
import { MongoSignatureRequests } from '../infra/mongo/mongo-signature-requests.js';
import type { AppContext } from './app-context.js';

/**
 * The provider ESIGN_PROVIDER names, built from its (start-up validated) settings; undefined for
 * none. The provider clients are loaded only when configured (docusign-esign alone is hundreds of
 * modules: a start-up without e-signature does not pay for it).
 */
async function signatureProviderFromEnv(env: Env): Promise<SignatureProvider | undefined> {
  if (env.ESIGN_PROVIDER === 'documenso') {
    const { DocumensoProvider } = await import('../infra/esign/documenso-provider.js');
    return new DocumensoProvider({ apiUrl: env.DOCUMENSO_API_URL, apiKey: env.DOCUMENSO_API_KEY!, webhookSecret: env.DOCUMENSO_WEBHOOK_SECRET! });
  }
  if (env.ESIGN_PROVIDER === 'docusign') {
    const { DocuSignProvider } = await import('../infra/esign/docusign-provider.js');
    return new DocuSignProvider({
      basePath: env.DOCUSIGN_BASE_PATH,
      oauthBase: env.DOCUSIGN_OAUTH_BASE,
      integrationKey: env.DOCUSIGN_INTEGRATION_KEY!,
      userId: env.DOCUSIGN_USER_ID!,
      accountId: env.DOCUSIGN_ACCOUNT_ID!,
      privateKey: pemFromEnv(env.DOCUSIGN_PRIVATE_KEY!),
      connectHmacKey: env.DOCUSIGN_CONNECT_HMAC_KEY!,
    });
  }
  return undefined;
}

/**
 * With an e-signature provider configured, hangs the signature deps on the store and the approval
 * engine, so "Mark sent for signature" (Slack and Teams alike) sends through it and `contract show`
 * shows the envelope. Returns them (undefined with ESIGN_PROVIDER=none).
 */
export async function attachSignatures(ctx: AppContext, given?: SignatureProvider): Promise<SignatureCallbackDeps | undefined> {
  const provider = given ?? (await signatureProviderFromEnv(ctx.env));
  if (!provider) return undefined;
  const { logger, connection } = ctx;
  const signatures: SignatureCallbackDeps = {
    provider,
    requests: await new MongoSignatureRequests(connection).init(),
    approvals: () => ctx.approvals,
    documents: async () => (await ctx.askServices()).terms,
  };
  ctx.signatures = signatures;
  ctx.store.signatures = signatures;
  ctx.approvals.signatures = signatures;
  logger.info({ provider: provider.name }, `e-signature through ${provider.name}`);
  return signatures;
}
