import type { UserRef } from '../domain/user-ref.js';
import type { SignatureProvider, SignatureProviderName } from '../ports/signature-provider.js';
import type { SignatureRequests } from '../ports/signature-requests.js';

/** What the e-signature services need besides the contract store (hung on the store: send, show, resend, cancel). */
export interface SignatureDeps {
  provider: SignatureProvider;
  requests: SignatureRequests;
}

const PROVIDER_LABELS: Record<SignatureProviderName, string> = { documenso: 'Documenso', docusign: 'DocuSign' };

export const providerLabel = (name: SignatureProviderName) => PROVIDER_LABELS[name];

/** The provider as the actor of what its callbacks record. */
export const providerActor = (name: SignatureProviderName): UserRef => ({ platform: 'system', id: name, displayName: PROVIDER_LABELS[name] });
