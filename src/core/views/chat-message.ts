/**
 * A platform-neutral message: what Clause wants to say, not how a platform draws it.
 * `src/bots/slack` renders it to Block Kit, `src/bots/teams` to an Adaptive Card.
 */
export interface ChatMessage {
  /** Plain-text summary: notification text, screen readers, and platforms' fallback. */
  text: string;
  card?: Card;
}

export interface Card {
  title?: string;
  subtitle?: string;
  sections: CardSection[];
  actions?: CardAction[];
}

export type CardSection =
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: Array<{ label: string; value: string }> }
  | { kind: 'context'; text: string }
  | { kind: 'divider' };

export interface CardAction {
  /** Stable action id, e.g. `approval.approve`; adapters route clicks on it. */
  id: string;
  label: string;
  style?: 'primary' | 'danger';
  /** Small string payload carried by the button and parsed (with zod) when it is clicked. */
  value: Record<string, string>;
  /** When set, the action needs text from the user first (e.g. a rejection reason). */
  input?: { id: string; label: string; placeholder?: string; required: boolean };
}
