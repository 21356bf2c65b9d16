import type { types } from '@slack/bolt';
import { z } from 'zod';
import { plainText } from '../render/mrkdwn.js';
import { SLACK_VIEWS } from '../slack-ids.js';

export const NEW_OWNER_BLOCK = 'new_owner';

/** What the reassign modal remembers: the contract and term the nudge was about. */
export const ZReassignMetadata = z.object({
  contractId: z.string().min(1),
  termEnd: z.string().min(1),
  responseUrl: z.string().url().optional(),
});
export type ReassignMetadata = z.infer<typeof ZReassignMetadata>;

/** Asks who should own the renewal from now on (a Slack user picker). */
export function reassignRenewalModal(meta: ReassignMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: SLACK_VIEWS.renewalReassign,
    title: plainText('Reassign renewal', 24),
    submit: plainText('Reassign', 24),
    close: plainText('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      {
        type: 'input',
        block_id: NEW_OWNER_BLOCK,
        label: plainText('New owner'),
        hint: plainText('They become the contract owner and get the renewal reminders.'),
        element: { type: 'users_select', action_id: NEW_OWNER_BLOCK, placeholder: plainText('Pick a person') },
      },
    ],
  };
}
