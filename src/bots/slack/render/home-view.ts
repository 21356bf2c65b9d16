import type { types } from '@slack/bolt';
import type { Contract } from '../../../core/domain/contract.js';
import type { UserRef } from '../../../core/domain/user-ref.js';
import type { PendingApproval } from '../../../core/services/approval-deps.js';
import { APPROVAL_ACTIONS, stageHeading } from '../../../core/views/approval-card.js';
import type { ChatMessage } from '../../../core/views/chat-message.js';
import { renderBlockKit } from './block-kit.js';
import { contractLine, nextStepActions, noticeDeadline } from '../../../core/views/contract-views.js';
import { effectiveEndDate } from '../../../core/domain/contract.js';
import { escapeMrkdwn, plainText } from './mrkdwn.js';

type Block = types.KnownBlock;

export interface HomeData {
  user: UserRef;
  waitingOnYou: PendingApproval[];
  inProgress: Contract[];
  nextSteps: Contract[];
  upcoming: Contract[];
}

const MAX_PER_LIST = 10;

function heading(text: string): Block[] {
  return [{ type: 'divider' }, { type: 'header', text: plainText(text) }];
}

function empty(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(text) }] };
}

function cardBlocks(message: ChatMessage): Block[] {
  return renderBlockKit(message).blocks;
}

/** The App Home tab: what waits on the user, their contracts in flight, and coming deadlines. */
export function homeView(data: HomeData): types.HomeView {
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: 'Your contract desk. Start a request with `/contract new`; `/contract help` lists everything.' } },
  ];

  blocks.push(...heading('Approvals waiting on you'));
  if (data.waitingOnYou.length === 0) blocks.push(empty('Nothing is waiting on you.'));
  for (const p of data.waitingOnYou.slice(0, MAX_PER_LIST)) {
    const value = { roundId: p.round.id, stage: String(p.stageIndex) };
    blocks.push(
      ...cardBlocks({
        text: `${contractLine(p.contract)}\n${stageHeading(p.round, p.stageIndex)}`,
        card: {
          sections: [{ kind: 'text', text: `${contractLine(p.contract)}\n${stageHeading(p.round, p.stageIndex)}` }],
          actions: [
            { id: APPROVAL_ACTIONS.approve, label: 'Approve', style: 'primary', value },
            { id: APPROVAL_ACTIONS.reject, label: 'Reject', style: 'danger', value },
          ],
        },
      }),
    );
  }

  blocks.push(...heading('Your drafts and contracts in review'));
  if (data.inProgress.length === 0) blocks.push(empty('No drafts or contracts in review.'));
  for (const c of data.inProgress.slice(0, MAX_PER_LIST)) {
    const actions = nextStepActions(c, data.user);
    blocks.push(
      ...cardBlocks({ text: contractLine(c), card: { sections: [{ kind: 'text', text: contractLine(c) }], ...(actions.length ? { actions } : {}) } }),
    );
  }

  blocks.push(...heading('Next steps'));
  if (data.nextSteps.length === 0) blocks.push(empty('No approved contracts waiting for signature.'));
  for (const c of data.nextSteps.slice(0, MAX_PER_LIST)) {
    const actions = nextStepActions(c, data.user);
    blocks.push(
      ...cardBlocks({ text: contractLine(c), card: { sections: [{ kind: 'text', text: contractLine(c) }], ...(actions.length ? { actions } : {}) } }),
    );
  }

  blocks.push(...heading('Coming deadlines'));
  const dated = data.upcoming.filter((c) => effectiveEndDate(c)).slice(0, MAX_PER_LIST);
  if (dated.length === 0) blocks.push(empty('None of your signed contracts has an end date coming up.'));
  for (const c of dated) {
    const notice = noticeDeadline(c);
    const line = `${contractLine(c)}\nEnds ${effectiveEndDate(c)}${notice ? ` · notice by ${notice}` : ''}${c.autoRenews ? ' · renews automatically' : ''}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(line) } });
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
