import type { TermDeps } from '../ask/term-deps.js';
import type { UserRef } from '../domain/user-ref.js';
import type { SignatureProvider, SignatureProviderName } from '../ports/signature-provider.js';
import type { SignatureRequests } from '../ports/signature-requests.js';
import type { ApprovalDeps } from './approval-deps.js';

/** What the e-signature services need besides the contract store. */
export interface SignatureDeps {
  provider: SignatureProvider;
  requests: SignatureRequests;
  /** Chat notices go through the approval engine's outbox (built after the store, hence lazy). */
  approvals: () => ApprovalDeps;
  /** The signed file is stored like an upload (read, segmented, searchable). */
  documents: () => Promise<Pick<TermDeps, 'store' | 'documents' | 'reader' | 'maxFileBytes' | 'clock'>>;
}

const PROVIDER_LABELS: Record<SignatureProviderName, string> = { documenso: 'Documenso', docusign: 'DocuSign' };

export const providerLabel = (name: SignatureProviderName) => PROVIDER_LABELS[name];

/** The provider as the actor of what its callbacks record. */
export const providerActor = (name: SignatureProviderName): UserRef => ({ platform: 'system', id: name, displayName: PROVIDER_LABELS[name] });
