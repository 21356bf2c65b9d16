import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../listeners/actions/action-payload.js';
import { plainText } from '../render/mrkdwn.js';

/** A small modal opened from a button: what it is about travels in private_metadata. */
export function buttonModal(input: { callbackId: string; title: string; submit: string; meta: ModalMetadata; blocks: types.KnownBlock[] }): types.ModalView {
  return {
    type: 'modal',
    callback_id: input.callbackId,
    title: plainText(input.title, 24),
    submit: plainText(input.submit, 24),
    close: plainText('Cancel', 24),
    private_metadata: JSON.stringify(input.meta),
    blocks: input.blocks,
  };
}
