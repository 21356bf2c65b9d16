import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AuthenticateRequestResult } from 'botframework-connector';

/**
 * teams-ai's TeamsAdapter (botbuilder's CloudAdapter) with its two halves exposed: checking the
 * request's token, and running the turn. `process()` does both and answers any failure itself
 * (500 with the error text when a key fetch fails); the Teams surface calls them separately so a
 * token problem is always a 401 and the turn only runs on an authenticated activity.
 */
export class ClauseTeamsAdapter extends TeamsAdapter {
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
