import { calendarDateIn } from '../../../../core/domain/calendar-date.js';
import { listPendingApprovalsFor } from '../../../../core/services/list-pending-approvals-for.js';
import { homeView } from '../../render/home-view.js';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { slackErrorSummary } from '../../slack-notifier.js';

/** Reads the user's contracts and approvals and publishes their Home tab; failures are logged. */
export async function publishHome(deps: SlackHandlerDeps, userId: string, teamId?: string): Promise<void> {
  try {
    const approvals = deps.ctx.approvals;
    const user = await deps.users.resolve(userId, teamId);
    const today = calendarDateIn(deps.ctx.clock.now());
    const [waitingOnYou, inProgress, nextSteps, upcoming] = await Promise.all([
      listPendingApprovalsFor(approvals, user),
      approvals.contracts.list({ involving: user, statuses: ['draft', 'in_review', 'rejected'], sort: 'newest', limit: 10 }),
      approvals.contracts.list({ involving: user, statuses: ['approved', 'sent_for_signature'], sort: 'newest', limit: 10 }),
      approvals.contracts.list({ involving: user, statuses: ['active'], endDateFrom: today, sort: 'endDate', limit: 10 }),
    ]);
    await deps.client.views.publish({ user_id: userId, view: homeView({ user, waitingOnYou, inProgress, nextSteps, upcoming }) });
  } catch (error) {
    deps.ctx.logger.warn({ err: slackErrorSummary(error), user: userId }, 'Slack App Home could not be published');
  }
}
