/**
 * An e-signature service (Documenso, DocuSign) behind one port: send a contract's document to its
 * signers, read an envelope's state, fetch the signed file, resend, cancel, and verify and parse
 * an inbound callback. Implementations live in src/infra/esign; the core never sees HTTP.
 */

import type { DocumentExportInput } from './document-exporter.js';

export type SignatureProviderName = 'documenso' | 'docusign';

export interface Signer {
  name: string;
  email: string;
}

/** A file to send or one that came back signed. */
export interface SignatureFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

export interface SendEnvelopeInput {
  /** Our contract id: carried as the envelope's external id / custom field, so callbacks find it. */
  contractId: string;
  /** The version to sign; each provider renders it into the file it takes (Documenso a PDF, DocuSign a .docx). */
  document: DocumentExportInput;
  /** In signing order. */
  signers: Signer[];
  /** Shown to signers in the provider's e-mail. */
  message?: string;
}

export interface SentEnvelope {
  envelopeId: string;
  /** Where a person with an account at the provider can open the envelope. */
  url?: string;
  /** The provider's recipient ids (needed to resend), by signer e-mail (lower case). */
  recipientIds: Record<string, string>;
}

export type SignerStatus = 'pending' | 'signed' | 'rejected';
export type EnvelopeStatus = 'sent' | 'completed' | 'rejected' | 'cancelled';

export interface EnvelopeSignerState extends Signer {
  status: SignerStatus;
  signedAt?: Date;
}

export interface EnvelopeState {
  envelopeId: string;
  status: EnvelopeStatus;
  signers: EnvelopeSignerState[];
  completedAt?: Date;
}

/** What an inbound callback says happened, in provider-neutral terms. */
export interface SignatureEvent {
  provider: SignatureProviderName;
  /** Unique per event at the provider: duplicates carry the same id. */
  eventId: string;
  kind: 'signer_signed' | 'completed' | 'rejected' | 'cancelled';
  envelopeId: string;
  /** Our contract id when the provider echoes it back (external id / custom field). */
  contractId?: string;
  at: Date;
  /** The signers as the callback describes them (when it does). */
  signers: EnvelopeSignerState[];
  /** Who signed or declined, for signer_signed / rejected. */
  actor?: Signer;
  reason?: string;
}

export type CallbackOutcome =
  /** Not from the provider (secret or signature wrong or missing): 401, nothing changes. */
  | { kind: 'forged'; reason: string }
  /** Authentic but not a payload we can read: 400. */
  | { kind: 'malformed'; reason: string; fields?: Array<{ field: string; message: string }> }
  /** Authentic, readable, but an event Clause does not act on (opened, sent…): 200. */
  | { kind: 'ignored'; reason: string; eventId?: string }
  | { kind: 'event'; event: SignatureEvent };

export interface SignatureProvider {
  readonly name: SignatureProviderName;
  send(input: SendEnvelopeInput): Promise<SentEnvelope>;
  getState(envelopeId: string): Promise<EnvelopeState>;
  /** The completed, signed document (PDF). */
  downloadSigned(envelopeId: string): Promise<SignatureFile>;
  /** Sends the signing e-mail again to the signers who have not signed yet. */
  resend(envelopeId: string, recipientIds: readonly string[]): Promise<void>;
  /** Voids the envelope at the provider. */
  cancel(envelopeId: string, reason: string): Promise<void>;
  /** Verifies an inbound callback from its headers (lower-case names) and raw body, then parses it. */
  parseCallback(headers: Readonly<Record<string, string | undefined>>, rawBody: Uint8Array): CallbackOutcome;
}

/** A call to the provider failed (network, 5xx, rejected request): an AppError code Unavailable at the service. */
export class SignatureProviderError extends Error {
  override name = 'SignatureProviderError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
