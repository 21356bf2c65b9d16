import type { TermDeps } from '../ask/term-deps.js';
import type { ApprovalDeps } from './approval-deps.js';
import type { SignatureDeps } from './signature-deps.js';

/**
 * What a provider's callback needs besides the signature deps: the approval engine's outbox for
 * chat notices and the upload path for the signed file (kept apart from SignatureDeps, which the
 * contract store carries, so the store's types do not depend on the approval engine's).
 */
export interface SignatureCallbackDeps extends SignatureDeps {
  /** Chat notices go through the approval engine's outbox (built after the store, hence lazy). */
  approvals: () => ApprovalDeps;
  /** The signed file is stored like an upload (read, segmented, searchable). */
  documents: () => Promise<Pick<TermDeps, 'store' | 'documents' | 'reader' | 'maxFileBytes' | 'clock'>>;
}
