import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../listeners/actions/action-payload.js';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';

export const SIGNED_DATE_BLOCK = 'signed_date';

export function markSignedModal(meta: ModalMetadata, today: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: SLACK_VIEWS.markSigned,
    title: plainText('Mark signed', 24),
    submit: plainText('Mark signed', 24),
    close: plainText('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'When was the contract signed by both parties?' } },
      {
        type: 'input',
        block_id: SIGNED_DATE_BLOCK,
        label: plainText('Signed date'),
        element: { type: 'datepicker', action_id: SIGNED_DATE_BLOCK, initial_date: today },
      },
    ],
  };
}
