import { ActivityTypes, type TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './adaptive-card.js';

/**
 * Answers an `adaptiveCard/action` invoke ourselves, so the card goes only to the person who
 * clicked (teams-ai would otherwise also PUT a card that has `refresh` over everyone's copy;
 * the core already updates everyone's copy with the shared version).
 */
export async function respondWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } },
  });
}

export async function respondWithMessage(context: TurnContext, message: string): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message } },
  });
}
