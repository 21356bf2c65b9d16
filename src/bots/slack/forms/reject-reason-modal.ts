import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../listeners/actions/action-payload.js';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';
import { buttonModal } from './modal.js';

export const REASON_BLOCK = 'reason';

/** Asks why; the round and stage the card showed travel in private_metadata. */
export function rejectReasonModal(meta: ModalMetadata): types.ModalView {
  return buttonModal({
    callbackId: SLACK_VIEWS.rejectReason,
    title: 'Reject contract',
    submit: 'Reject',
    meta,
    blocks: [
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plainText('Reason'),
        hint: plainText('The requester sees this, so say what needs to change.'),
        element: { type: 'plain_text_input', action_id: REASON_BLOCK, multiline: true, min_length: 1, max_length: 2000, placeholder: plainText('What needs to change?') },
      },
    ],
  });
}
