import { createHmac, createSign, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';
import type {
  CallbackOutcome,
  EnvelopeSignerState,
  EnvelopeState,
  SendEnvelopeInput,
  SentEnvelope,
  SignatureFile,
  SignatureProvider,
  SignerStatus,
} from '../../core/ports/signature-provider.js';
import { SignatureProviderError } from '../../core/ports/signature-provider.js';
import { exportContractDocx } from '../docx/export-docx.js';
import { parseCallbackBody } from './callback-body.js';

// docusign-esign is CommonJS (UMD): loaded with require so its `ApiClient`/`EnvelopesApi` classes keep their shape.
const require = createRequire(import.meta.url);
const docusign = require('docusign-esign') as typeof import('docusign-esign');

export interface DocuSignSettings {
  /** eSignature REST base, e.g. https://demo.docusign.net/restapi */
  basePath: string;
  /** OAuth server, e.g. https://account-d.docusign.com */
  oauthBase: string;
  integrationKey: string;
  userId: string;
  accountId: string;
  /** RSA private key (PEM) of the integration, for the JWT grant. */
  privateKey: string;
  /** DocuSign Connect's HMAC key. */
  connectHmacKey: string;
  timeoutMs?: number;
}

/** The custom field that carries our contract id on the envelope (and back in Connect messages). */
const CONTRACT_ID_FIELD = 'clauseContractId';

const ZSigner = z.looseObject({
  email: z.string(),
  name: z.string().optional(),
  recipientId: z.string().optional(),
  status: z.string().optional(),
  signedDateTime: z.string().optional(),
  declinedReason: z.string().optional(),
});

const ZConnectMessage = z.object({
  event: z.string().min(1),
  apiVersion: z.string().optional(),
  uri: z.string().optional(),
  retryCount: z.union([z.number(), z.string()]).optional(),
  configurationId: z.union([z.number(), z.string()]).optional(),
  generatedDateTime: z.string().min(1),
  data: z.looseObject({
    accountId: z.string().optional(),
    envelopeId: z.string().min(1),
    recipientId: z.string().optional(),
    envelopeSummary: z
      .looseObject({
        status: z.string().optional(),
        completedDateTime: z.string().optional(),
        voidedReason: z.string().optional(),
        customFields: z.looseObject({ textCustomFields: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional() }).optional(),
        recipients: z.looseObject({ signers: z.array(ZSigner).optional() }).optional(),
      })
      .optional(),
  }),
});

const SIGNER_STATUS = (s: string | undefined): SignerStatus => (s === 'completed' || s === 'signed' ? 'signed' : s === 'declined' ? 'rejected' : 'pending');
const ENVELOPE_STATUS = (s: string | undefined): EnvelopeState['status'] =>
  s === 'completed' ? 'completed' : s === 'declined' ? 'rejected' : s === 'voided' ? 'cancelled' : 'sent';

function signerState(s: z.infer<typeof ZSigner>): EnvelopeSignerState {
  return {
    name: s.name ?? s.email,
    email: s.email.toLowerCase(),
    status: SIGNER_STATUS(s.status),
    ...(s.signedDateTime ? { signedAt: new Date(s.signedDateTime) } : {}),
  };
}

function providerError(what: string, error: unknown): SignatureProviderError {
  const status = (error as { response?: { status?: number } })?.response?.status;
  const detail = (error as { response?: { data?: { message?: string } } })?.response?.data?.message ?? (error as Error)?.message ?? String(error);
  return new SignatureProviderError(`DocuSign ${what} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`.slice(0, 300), status);
}

/**
 * DocuSign eSignature through the official `docusign-esign` client (EnvelopesApi: create from the
 * contract's .docx with signHere tabs anchored on `/sn<n>/`, get, combined-document download,
 * resend, void), authorised by the JWT grant. The grant itself is a small fetch against
 * `<DOCUSIGN_OAUTH_BASE>/oauth/token` (the same request the client's `requestJWTUserToken` makes):
 * the client hard-codes `https://` + an OAuth host name, so it cannot be pointed at another
 * scheme or port. Connect callbacks are verified by their HMAC (X-DocuSign-Signature-1…).
 */
export class DocuSignProvider implements SignatureProvider {
  readonly name = 'docusign' as const;
  private token: { value: string; expiresAt: number } | undefined;

  constructor(
    private readonly settings: DocuSignSettings,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {}

  /** The JWT bearer assertion (RFC 7523) DocuSign's JWT grant takes: RS256, iss = integration key, sub = user. */
  private assertion(): string {
    const iat = Math.floor(this.now() / 1000);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: this.settings.integrationKey, sub: this.settings.userId, aud: new URL(this.settings.oauthBase).host, iat, exp: iat + 3600, scope: 'signature impersonation' })}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(this.settings.privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now() + 60_000) return this.token.value;
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.settings.oauthBase.replace(/\/+$/, '')}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'cache-control': 'no-store' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: this.assertion() }).toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 20_000),
      });
    } catch (error) {
      throw new SignatureProviderError(`DocuSign JWT grant failed: ${(error as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!res.ok || !body.access_token)
      throw new SignatureProviderError(`DocuSign JWT grant failed (HTTP ${res.status}${body.error ? `: ${body.error}` : ''})`, res.status);
    this.token = { value: body.access_token, expiresAt: this.now() + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }

  private async envelopes(): Promise<InstanceType<typeof docusign.EnvelopesApi>> {
    const client = new docusign.ApiClient({ basePath: this.settings.basePath.replace(/\/+$/, ''), oAuthBasePath: '' });
    client.addDefaultHeader('Authorization', `Bearer ${await this.accessToken()}`);
    return new docusign.EnvelopesApi(client);
  }

  async send(input: SendEnvelopeInput): Promise<SentEnvelope> {
    const anchors = input.signers.map((s, i) => `${s.name}: /sn${i + 1}/`).join('\n\n');
    const docx = await exportContractDocx({ ...input.document, text: `${input.document.text}\n\nSignatures\n\n${anchors}` });
    const api = await this.envelopes();
    let created;
    try {
      created = await api.createEnvelope(this.settings.accountId, {
        envelopeDefinition: {
          emailSubject: `Please sign ${input.document.ref}: ${input.document.title}`.slice(0, 100),
          ...(input.message ? { emailBlurb: input.message.slice(0, 2000) } : {}),
          documents: [{ documentBase64: Buffer.from(docx).toString('base64'), name: `${input.document.ref}.docx`, fileExtension: 'docx', documentId: '1' }],
          recipients: {
            signers: input.signers.map((s, i) => ({
              email: s.email,
              name: s.name,
              recipientId: String(i + 1),
              routingOrder: String(i + 1),
              tabs: { signHereTabs: [{ anchorString: `/sn${i + 1}/`, anchorUnits: 'pixels', anchorXOffset: '20', anchorYOffset: '-10' }] },
            })),
          },
          customFields: { textCustomFields: [{ name: CONTRACT_ID_FIELD, value: input.contractId, show: 'false', required: 'false' }] },
          status: 'sent',
        },
      });
    } catch (error) {
      throw providerError('envelope create', error);
    }
    if (!created?.envelopeId) throw new SignatureProviderError('DocuSign envelope create returned no envelope id');
    const app = this.settings.basePath.includes('demo.docusign.net') ? 'https://appdemo.docusign.com' : 'https://app.docusign.com';
    return {
      envelopeId: created.envelopeId,
      url: `${app}/documents/details/${created.envelopeId}`,
      recipientIds: Object.fromEntries(input.signers.map((s, i) => [s.email.toLowerCase(), String(i + 1)])),
    };
  }

  async getState(envelopeId: string): Promise<EnvelopeState> {
    const api = await this.envelopes();
    try {
      const envelope = await api.getEnvelope(this.settings.accountId, envelopeId, { include: 'recipients' });
      const signers = (envelope.recipients?.signers ?? []).map((s) => signerState(ZSigner.parse(s)));
      return {
        envelopeId,
        status: ENVELOPE_STATUS(envelope.status),
        signers,
        ...(envelope.completedDateTime ? { completedAt: new Date(envelope.completedDateTime) } : {}),
      };
    } catch (error) {
      throw providerError('envelope get', error);
    }
  }

  async downloadSigned(envelopeId: string): Promise<SignatureFile> {
    const api = await this.envelopes();
    try {
      const data = (await api.getDocument(this.settings.accountId, envelopeId, 'combined', {})) as unknown;
      const bytes = Buffer.isBuffer(data) ? new Uint8Array(data) : new Uint8Array(Buffer.from(String(data), 'binary'));
      return { fileName: 'signed.pdf', mime: 'application/pdf', bytes };
    } catch (error) {
      throw providerError('combined document download', error);
    }
  }

  async resend(envelopeId: string): Promise<void> {
    const api = await this.envelopes();
    try {
      await api.update(this.settings.accountId, envelopeId, { resendEnvelope: 'true', envelope: {} });
    } catch (error) {
      throw providerError('envelope resend', error);
    }
  }

  async cancel(envelopeId: string, reason: string): Promise<void> {
    const api = await this.envelopes();
    try {
      await api.update(this.settings.accountId, envelopeId, { envelope: { status: 'voided', voidedReason: reason.slice(0, 200) } });
    } catch (error) {
      throw providerError('envelope void', error);
    }
  }

  /** Connect's HMAC: base64(HMAC-SHA256(key, raw body)) in X-DocuSign-Signature-1 (…-2 and on while keys rotate). */
  private verified(headers: Readonly<Record<string, string | undefined>>, rawBody: Uint8Array): boolean {
    const expected = createHmac('sha256', this.settings.connectHmacKey).update(rawBody).digest();
    for (let i = 1; i <= 5; i++) {
      const given = headers[`x-docusign-signature-${i}`];
      if (!given) continue;
      const bytes = Buffer.from(given, 'base64');
      if (bytes.length === expected.length && timingSafeEqual(bytes, expected)) return true;
    }
    return false;
  }

  parseCallback(headers: Readonly<Record<string, string | undefined>>, rawBody: Uint8Array): CallbackOutcome {
    if (!this.verified(headers, rawBody)) return { kind: 'forged', reason: 'X-DocuSign-Signature-1 is missing or does not match the body' };
    const parsed = parseCallbackBody(rawBody, ZConnectMessage, {
      notJson: 'the body is not JSON (configure Connect to send JSON)',
      notPayload: 'not a DocuSign Connect message',
    });
    if (!parsed.ok) return parsed.outcome;
    const { event, data, generatedDateTime } = parsed.value;
    const summary = data.envelopeSummary;
    const signers = (summary?.recipients?.signers ?? []).map(signerState);
    const contractId = summary?.customFields?.textCustomFields?.find((f) => f.name === CONTRACT_ID_FIELD)?.value;
    const eventId = `${data.envelopeId}:${event}:${data.recipientId ?? ''}:${generatedDateTime}`;
    const at = Number.isNaN(Date.parse(generatedDateTime)) ? new Date() : new Date(generatedDateTime);
    const base = { provider: 'docusign' as const, eventId, envelopeId: data.envelopeId, ...(contractId ? { contractId } : {}), at, signers };
    const recipient = (summary?.recipients?.signers ?? []).find((s) => s.recipientId !== undefined && s.recipientId === data.recipientId);
    switch (event) {
      case 'envelope-completed':
        return { kind: 'event', event: { ...base, kind: 'completed', ...(summary?.completedDateTime ? { at: new Date(summary.completedDateTime) } : {}) } };
      case 'envelope-declined':
      case 'recipient-declined': {
        const who = recipient ?? (summary?.recipients?.signers ?? []).find((s) => s.status === 'declined');
        return {
          kind: 'event',
          event: {
            ...base,
            eventId: `${data.envelopeId}:declined`,
            kind: 'rejected',
            ...(who ? { actor: { name: who.name ?? who.email, email: who.email }, ...(who.declinedReason ? { reason: who.declinedReason } : {}) } : {}),
          },
        };
      }
      case 'envelope-voided':
        return { kind: 'event', event: { ...base, kind: 'cancelled', ...(summary?.voidedReason ? { reason: summary.voidedReason } : {}) } };
      case 'recipient-completed':
        if (!recipient) return { kind: 'malformed', reason: 'recipient-completed without its recipient in the envelope summary' };
        return {
          kind: 'event',
          event: {
            ...base,
            kind: 'signer_signed',
            actor: { name: recipient.name ?? recipient.email, email: recipient.email },
            ...(recipient.signedDateTime ? { at: new Date(recipient.signedDateTime) } : {}),
          },
        };
      default:
        return { kind: 'ignored', reason: `Clause does not act on ${event}` };
    }
  }
}
