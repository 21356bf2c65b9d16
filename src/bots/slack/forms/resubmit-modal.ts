import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../listeners/actions/action-payload.js';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';
import { buttonModal } from './modal.js';

export const CHANGE_NOTE_BLOCK = 'change_note';

/** "Revise and resubmit": what changed, for the approvers of the new round and the history. */
export function resubmitModal(meta: ModalMetadata): types.ModalView {
  return buttonModal({
    callbackId: SLACK_VIEWS.resubmit,
    title: 'Revise and resubmit',
    submit: 'Resubmit',
    meta,
    blocks: [
      {
        type: 'input',
        block_id: CHANGE_NOTE_BLOCK,
        label: plainText('What did you change?'),
        hint: plainText('Recorded with the new version, so the approvers see how the rejection was addressed.'),
        element: { type: 'plain_text_input', action_id: CHANGE_NOTE_BLOCK, multiline: true, min_length: 1, max_length: 1000 },
      },
    ],
  });
}
