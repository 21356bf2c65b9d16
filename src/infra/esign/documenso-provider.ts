import { Documenso } from '@documenso/sdk-typescript';
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
import { parseCallbackBody } from './callback-body.js';
import { secretsEqual } from './constant-time.js';
import { renderSigningPdf } from './signing-pdf.js';

export interface DocumensoSettings {
  /** The API base, e.g. https://app.documenso.com/api/v2 (a self-hosted instance's /api/v2). */
  apiUrl: string;
  apiKey: string;
  /** The secret configured on the Documenso webhook; sent back in X-Documenso-Secret. */
  webhookSecret: string;
  /** Where people open a document in the Documenso app (default: the API URL's origin). */
  appUrl?: string;
  timeoutMs?: number;
}

/** A Documenso recipient as webhooks carry it (the legacy document shape: `Recipient` or `recipients`). */
const ZRecipient = z.object({
  id: z.union([z.number(), z.string()]),
  email: z.string(),
  name: z.string().nullish(),
  signingStatus: z.enum(['NOT_SIGNED', 'SIGNED', 'REJECTED']),
  signedAt: z.string().nullish(),
  rejectionReason: z.string().nullish(),
  role: z.string().optional(),
});
type Recipient = z.infer<typeof ZRecipient>;

const ZDocumensoWebhook = z.object({
  event: z.string().min(1),
  payload: z.looseObject({
    id: z.union([z.number(), z.string()]),
    envelopeId: z.string().optional(),
    externalId: z.string().nullish(),
    status: z.string().optional(),
    completedAt: z.string().nullish(),
    Recipient: z.array(ZRecipient).optional(),
    recipients: z.array(ZRecipient).optional(),
  }),
  createdAt: z.string(),
  webhookEndpoint: z.string().optional(),
});

const SIGNING_STATUS: Record<Recipient['signingStatus'], SignerStatus> = { NOT_SIGNED: 'pending', SIGNED: 'signed', REJECTED: 'rejected' };

function signerState(r: Recipient): EnvelopeSignerState {
  return {
    name: r.name ?? r.email,
    email: r.email.toLowerCase(),
    status: SIGNING_STATUS[r.signingStatus],
    ...(r.signedAt ? { signedAt: new Date(r.signedAt) } : {}),
  };
}

const ENVELOPE_STATUS = { DRAFT: 'sent', PENDING: 'sent', COMPLETED: 'completed', REJECTED: 'rejected', CANCELLED: 'cancelled' } as const;

/** The SDK's errors carry the HTTP status; anything else is a network failure. */
function providerError(what: string, error: unknown): SignatureProviderError {
  const status = (error as { statusCode?: number })?.statusCode;
  return new SignatureProviderError(
    `Documenso ${what} failed${status ? ` (HTTP ${status})` : ''}: ${(error as Error)?.message ?? String(error)}`.slice(0, 300),
    status,
  );
}

/**
 * Documenso through its official TypeScript SDK (`@documenso/sdk-typescript`, API v2 envelopes):
 * create the envelope with the PDF and the signers (one signature field each, on the signing
 * page), distribute it, read it, redistribute, cancel. The signed PDF is downloaded with a plain
 * fetch of the same documented endpoint, because the SDK (0.9.1) parses that binary response as JSON.
 */
export class DocumensoProvider implements SignatureProvider {
  readonly name = 'documenso' as const;
  private readonly sdk: Documenso;

  constructor(
    private readonly settings: DocumensoSettings,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.sdk = new Documenso({ apiKey: settings.apiKey, serverURL: settings.apiUrl.replace(/\/+$/, ''), timeoutMs: settings.timeoutMs ?? 20_000 });
  }

  private envelopeUrl(envelopeId: string): string {
    const app = this.settings.appUrl ?? new URL(this.settings.apiUrl).origin;
    return `${app.replace(/\/+$/, '')}/documents/${encodeURIComponent(envelopeId)}`;
  }

  async send(input: SendEnvelopeInput): Promise<SentEnvelope> {
    const { bytes, boxes } = await renderSigningPdf(input.document, input.signers);
    let envelopeId: string;
    try {
      const created = await this.sdk.envelopes.create({
        payload: {
          title: `${input.document.ref} ${input.document.title}`.slice(0, 250),
          type: 'DOCUMENT',
          externalId: input.contractId,
          recipients: input.signers.map((s, i) => ({
            email: s.email,
            name: s.name,
            role: 'SIGNER',
            signingOrder: i + 1,
            fields: boxes[i] ? [{ type: 'SIGNATURE', identifier: 0, ...boxes[i] }] : [],
          })),
          meta: {
            subject: `Please sign ${input.document.ref}: ${input.document.title}`.slice(0, 250),
            ...(input.message ? { message: input.message.slice(0, 5000) } : {}),
          },
        },
        files: [{ fileName: `${input.document.ref}.pdf`, content: bytes }],
      });
      envelopeId = created.id;
    } catch (error) {
      throw providerError('envelope create', error);
    }
    try {
      const sent = await this.sdk.envelopes.distribute({ envelopeId });
      const recipientIds = Object.fromEntries(sent.recipients.map((r) => [r.email.toLowerCase(), String(r.id)]));
      return { envelopeId, url: this.envelopeUrl(envelopeId), recipientIds };
    } catch (error) {
      throw providerError('envelope distribute', error);
    }
  }

  async getState(envelopeId: string): Promise<EnvelopeState> {
    let envelope;
    try {
      envelope = await this.sdk.envelopes.get({ envelopeId });
    } catch (error) {
      throw providerError('envelope get', error);
    }
    return {
      envelopeId,
      status: ENVELOPE_STATUS[envelope.status],
      signers: envelope.recipients.filter((r) => r.role === 'SIGNER').map((r) => signerState({ ...r, id: r.id })),
      ...(envelope.completedAt ? { completedAt: new Date(envelope.completedAt) } : {}),
    };
  }

  async downloadSigned(envelopeId: string): Promise<SignatureFile> {
    let itemId: string | undefined;
    try {
      itemId = (await this.sdk.envelopes.get({ envelopeId })).envelopeItems[0]?.id;
    } catch (error) {
      throw providerError('envelope get', error);
    }
    if (!itemId) throw new SignatureProviderError(`Documenso envelope ${envelopeId} has no document`);
    const url = `${this.settings.apiUrl.replace(/\/+$/, '')}/envelope/item/${encodeURIComponent(itemId)}/download?version=signed`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        headers: { authorization: this.settings.apiKey, accept: 'application/pdf' },
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 20_000),
      });
    } catch (error) {
      throw providerError('signed document download', error);
    }
    if (!res.ok) throw new SignatureProviderError(`Documenso signed document download failed (HTTP ${res.status})`, res.status);
    return { fileName: 'signed.pdf', mime: 'application/pdf', bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  async resend(envelopeId: string, recipientIds: readonly string[]): Promise<void> {
    try {
      await this.sdk.envelopes.redistribute({ envelopeId, recipients: recipientIds.map(Number).filter(Number.isFinite) });
    } catch (error) {
      throw providerError('envelope redistribute', error);
    }
  }

  async cancel(envelopeId: string, reason: string): Promise<void> {
    try {
      await this.sdk.envelope.envelopeCancel({ envelopeId, reason: reason.slice(0, 500) });
    } catch (error) {
      throw providerError('envelope cancel', error);
    }
  }

  parseCallback(headers: Readonly<Record<string, string | undefined>>, rawBody: Uint8Array): CallbackOutcome {
    if (!secretsEqual(headers['x-documenso-secret'], this.settings.webhookSecret)) return { kind: 'forged', reason: 'X-Documenso-Secret is missing or wrong' };
    const parsed = parseCallbackBody(rawBody, ZDocumensoWebhook, { notJson: 'the body is not JSON', notPayload: 'not a Documenso webhook payload' });
    if (!parsed.ok) return parsed.outcome;
    const { event, payload, createdAt } = parsed.value;
    const recipients = (payload.recipients ?? payload.Recipient ?? []).filter((r) => !r.role || r.role === 'SIGNER');
    const signers = recipients.map(signerState);
    const documentId = String(payload.id);
    const base = {
      provider: 'documenso' as const,
      envelopeId: payload.envelopeId ?? documentId,
      ...(payload.externalId ? { contractId: payload.externalId } : {}),
      at: new Date(Number.isNaN(Date.parse(createdAt)) ? Date.now() : Date.parse(createdAt)),
      signers,
    };
    // Documenso sends no event id: an event is identified by its kind, the document and, for a
    // signature, who had signed by then (each signature makes a new set).
    switch (event) {
      case 'DOCUMENT_COMPLETED':
        return {
          kind: 'event',
          event: { ...base, eventId: `${event}:${documentId}`, kind: 'completed', ...(payload.completedAt ? { at: new Date(payload.completedAt) } : {}) },
        };
      case 'DOCUMENT_REJECTED': {
        const who = recipients.find((r) => r.signingStatus === 'REJECTED');
        return {
          kind: 'event',
          event: {
            ...base,
            eventId: `${event}:${documentId}`,
            kind: 'rejected',
            ...(who ? { actor: { name: who.name ?? who.email, email: who.email }, ...(who.rejectionReason ? { reason: who.rejectionReason } : {}) } : {}),
          },
        };
      }
      case 'DOCUMENT_CANCELLED':
        return { kind: 'event', event: { ...base, eventId: `${event}:${documentId}`, kind: 'cancelled' } };
      case 'DOCUMENT_SIGNED':
      case 'DOCUMENT_RECIPIENT_COMPLETED': {
        const signed = recipients.filter((r) => r.signingStatus === 'SIGNED');
        if (signed.length === 0) return { kind: 'malformed', reason: `${event} without a signed recipient` };
        const latest = [...signed].sort((a, b) => Date.parse(b.signedAt ?? '') - Date.parse(a.signedAt ?? ''))[0]!;
        const ids = signed
          .map((r) => String(r.id))
          .sort()
          .join(',');
        return {
          kind: 'event',
          event: {
            ...base,
            eventId: `DOCUMENT_SIGNED:${documentId}:${ids}`,
            kind: 'signer_signed',
            actor: { name: latest.name ?? latest.email, email: latest.email },
            ...(latest.signedAt ? { at: new Date(latest.signedAt) } : {}),
          },
        };
      }
      default:
        return { kind: 'ignored', reason: `Clause does not act on ${event}` };
    }
  }
}
