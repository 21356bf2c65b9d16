/**
 * The core services the Slack listeners call, in one module: the adapter's single seam to the
 * approval engine and the contract store.
 */
export { decideApproval } from '../../core/services/decide-approval.js';
export { findContract } from '../../core/services/find-contract.js';
export { getAuditTrail } from '../../core/services/get-audit-trail.js';
export { listPendingApprovalsFor } from '../../core/services/list-pending-approvals-for.js';
export { markSentForSignature } from '../../core/services/mark-sent-for-signature.js';
export { markSigned } from '../../core/services/mark-signed.js';
export { requestContract } from '../../core/services/request-contract.js';
export { resubmitContract } from '../../core/services/resubmit-contract.js';
