import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../listeners/actions/action-payload.js';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';
import { buttonModal } from './modal.js';

export const CANCEL_REASON_BLOCK = 'cancel_reason';

/** Why the signature request is cancelled; the contract travels in private_metadata. */
export function cancelSignatureModal(meta: ModalMetadata): types.ModalView {
  return buttonModal({
    callbackId: SLACK_VIEWS.cancelSignature,
    title: 'Cancel signature',
    submit: 'Cancel request',
    meta,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'The envelope is voided at the e-signature provider and the contract goes back to approved.' } },
      { type: 'input', block_id: CANCEL_REASON_BLOCK, label: plainText('Reason'), element: { type: 'plain_text_input', action_id: CANCEL_REASON_BLOCK, max_length: 500 } },
    ],
  });
}
