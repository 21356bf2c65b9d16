import type { FormView } from '../interactions/form.js';
import type { RenewalChart } from '../views/renewal-charts.js';
import type { ChatMessage } from '../views/chat-message.js';

/**
 * The web playground's own chat (README "Try it in two minutes"): conversations of neutral
 * messages stored by Clause, rendered to HTML when read. A conversation is a persona's direct
 * chat with Clause (`user:<persona key>`) or a channel (`approvals`, `renewals`).
 */

/** Who wrote a message: Clause, or a persona (what they typed). */
type PlaygroundAuthor = { kind: 'clause' } | { kind: 'persona'; key: string };

/** What a message holds: a neutral chat message, a form to fill in, or a line a persona typed. */
export type PlaygroundContent = { kind: 'message'; message: ChatMessage } | { kind: 'form'; form: FormView; note?: string } | { kind: 'typed'; text: string };

export interface PlaygroundMessage {
  id: string;
  conversation: string;
  from: PlaygroundAuthor;
  content: PlaygroundContent;
  /** 1 when posted; +1 per replacement. */
  version: number;
  createdAt: Date;
  /** Increases with every write (added or replaced): what a reader polls by. */
  seq: string;
}

export interface NewPlaygroundMessage {
  /** A deterministic id (a delivery's): adding it again returns the stored message. */
  id?: string;
  conversation: string;
  from: PlaygroundAuthor;
  content: PlaygroundContent;
}

export interface PlaygroundMessages {
  /** Adds a message once: with an `id` already taken, the stored one and `added: false`. */
  add(message: NewPlaygroundMessage): Promise<{ message: PlaygroundMessage; added: boolean }>;
  /** Replaces a message's content (a new version); undefined when there is no such message. */
  replace(id: string, content: PlaygroundContent): Promise<PlaygroundMessage | undefined>;
  get(id: string): Promise<PlaygroundMessage | undefined>;
  /** The latest `limit` messages of a conversation, oldest first. */
  list(conversation: string, limit: number): Promise<PlaygroundMessage[]>;
  /** Messages of these conversations written (added or replaced) after `seq`, in write order. */
  changedSince(conversations: readonly string[], seq: string): Promise<PlaygroundMessage[]>;
  /** The `seq` of a moment (for polling from a little before now). */
  seqAt(time: Date): string;
  /** Calls `listener` on every write of this process (instant; other processes' writes come by polling). */
  onChange(listener: (message: PlaygroundMessage) => void): () => void;
}

/** A person of the demo company the playground lets you act as. */
export interface PlaygroundPersona {
  key: string;
  name: string;
  role: string;
  title: string;
  email: string;
  timeZone: string;
}

/** The demo company behind the playground, and what only the composition root can do for it. */
export interface PlaygroundDemo {
  company: string;
  personas: readonly PlaygroundPersona[];
  /** How many contracts the database holds, and whether it is a demo database. */
  status(): Promise<{ contracts: number; demo: boolean }>;
  /** Seeds the demo company (empty or demo database only); a refusal says why. */
  seed(): Promise<{ ok: true; summary: string } | { ok: false; reason: string }>;
  /** A renewal chart as an SVG document. */
  chartSvg(chart: RenewalChart): Promise<string>;
}
