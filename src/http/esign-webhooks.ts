import express, { type Express } from 'express';
import type { AppContext } from '../app/app-context.js';
import type { SignatureProviderName } from '../core/ports/signature-provider.js';
import { handleSignatureCallback } from '../core/services/handle-signature-callback.js';
import { sendProblem } from './api/problem.js';

const BODY_LIMIT = '2mb';

/**
 * `POST /webhooks/esign/documenso` and `/webhooks/esign/docusign`: the providers' callbacks. The
 * raw body is kept (DocuSign's HMAC is over it); the provider verifies it before anything is
 * parsed. Forged: 401; not a payload we read: 400; unknown or other provider: 404; all as
 * problem documents. A provider failure while applying (e.g. the signed PDF download) is a 503,
 * so the provider retries; the retry is applied idempotently.
 */
export function mountSignatureWebhooks(app: Express, ctx: AppContext): void {
  const { logger } = ctx;
  app.post('/webhooks/esign/:provider', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req, res) => {
    const name = String(req.params.provider) as SignatureProviderName;
    const signatures = ctx.signatures;
    if (!signatures || signatures.provider.name !== name) {
      sendProblem(
        res,
        req,
        404,
        'unknown_provider',
        `No e-signature provider "${name.slice(0, 40)}" is configured here (ESIGN_PROVIDER=${ctx.env.ESIGN_PROVIDER}).`,
      );
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]));
    const rawBody = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    try {
      const result = await handleSignatureCallback(ctx.store, signatures, { headers, rawBody });
      switch (result.status) {
        case 'forged':
          logger.warn({ provider: name, reason: result.reason, ip: req.ip }, 'refused a forged e-signature callback');
          sendProblem(res, req, 401, 'invalid_signature', 'The callback is not signed by the configured provider.');
          return;
        case 'malformed':
          logger.warn({ provider: name, reason: result.reason }, 'refused a malformed e-signature callback');
          sendProblem(res, req, 400, 'invalid_callback', `Not a ${name} callback Clause can read: ${result.reason}.`, result.fields?.slice(0, 20));
          return;
        case 'retry_later':
          logger.info({ provider: name, reason: result.reason }, 'e-signature callback arrived before its send finished; asking the provider to retry');
          res.set('Retry-After', '30');
          sendProblem(res, req, 503, 'not_ready', `${result.reason}; retry later.`);
          return;
        default:
          logger.info({ provider: name, ...result }, `e-signature callback ${result.status}`);
          res.status(200).json(result);
      }
    } catch (error) {
      logger.error({ err: error, provider: name }, 'applying an e-signature callback failed; the provider will retry it');
      sendProblem(res, req, 503, 'unavailable', 'The callback could not be applied now; retry later.');
    }
  });
}
