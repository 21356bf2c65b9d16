/**
 * A platform-neutral message: what Clause wants to say, not how a platform draws it.
 * `src/bots/slack` renders it to Block Kit, `src/bots/teams` to an Adaptive Card.
 */
export interface ChatMessage {
  /** Plain-text summary: notification text, screen readers, and platforms' fallback. */
  text: string;
  card?: Card;
  /**
   * A picture that goes with the message (a chart). Slack uploads it to the conversation (files
   * upload API) before the message; Teams shows it in the card (an Image element); a surface that
   * cannot show it still has `text` and the card. Stored with the message in the outbox, so keep
   * it small (a chart PNG is tens of kilobytes).
   */
  image?: ChatImage;
}

export interface ChatImage {
  /** The PNG's bytes, base64-encoded (no `data:` prefix). */
  pngBase64: string;
  /**
   * The same picture as a smaller PNG (no anti-aliasing), for a surface with a tight message size
   * limit: a Teams card carries the picture inline and holds about 28 KB in all.
   */
  compactPngBase64?: string;
  width: number;
  height: number;
  /** What the picture shows, in words (alt text). */
  alt: string;
  title: string;
  /** e.g. `renewals-digest-2026-03-02.png`. */
  fileName: string;
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
