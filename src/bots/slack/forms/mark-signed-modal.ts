import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../listeners/actions/action-payload.js';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';
import { buttonModal } from './modal.js';

export const SIGNED_DATE_BLOCK = 'signed_date';

/** The signed date (today by default); the contract travels in private_metadata. */
export function markSignedModal(meta: ModalMetadata, today: string): types.ModalView {
  return buttonModal({
    callbackId: SLACK_VIEWS.markSigned,
    title: 'Mark signed',
    submit: 'Mark signed',
    meta,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: 'When was the contract signed by both parties?' } },
      {
        type: 'input',
        block_id: SIGNED_DATE_BLOCK,
        label: plainText('Signed date'),
        element: { type: 'datepicker', action_id: SIGNED_DATE_BLOCK, initial_date: today },
      },
    ],
  });
}
