import type { Response } from 'express';
import type { Logger } from '../../core/ports/logger.js';
import type { PlaygroundMessage, PlaygroundMessages, PlaygroundPersona } from '../../core/ports/playground.js';
import { clientMessage } from './render/client-message.js';

/** How often a stream looks for other processes' writes, and how far back each look reaches (clocks and writes in flight). */
const POLL_MS = 1_000;
const OVERLAP_MS = 5_000;
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events of the playground: every new or replaced message of the conversations a
 * persona sees, instantly for this process's writes (the store's change events) and within about
 * a second for other processes' (a poll by `seq`, overlapping, each version sent once).
 */
export class PlaygroundEvents {
  private readonly streams = new Set<() => void>();

  constructor(
    private readonly messages: PlaygroundMessages,
    private readonly personas: readonly PlaygroundPersona[],
    private readonly logger: Logger,
  ) {}

  open(res: Response, conversations: readonly string[]): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(': connected\nretry: 2000\n\n');
    const sent = new Map<string, number>();
    const push = (m: PlaygroundMessage) => {
      if (!conversations.includes(m.conversation) || (sent.get(m.id) ?? 0) >= m.version) return;
      if (sent.size > 10_000) sent.clear();
      sent.set(m.id, m.version);
      res.write(`event: message\ndata: ${JSON.stringify(clientMessage(m, this.personas))}\n\n`);
    };
    const off = this.messages.onChange(push);
    let cursor = this.messages.seqAt(new Date(Date.now() - OVERLAP_MS));
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      const started = Date.now();
      this.messages
        .changedSince(conversations, cursor)
        .then((found) => {
          for (const m of found) push(m);
          cursor = this.messages.seqAt(new Date(started - OVERLAP_MS));
        })
        .catch((err: unknown) => this.logger.warn({ err }, 'playground events: poll failed'))
        .finally(() => {
          polling = false;
        });
    }, POLL_MS);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    const close = () => {
      clearInterval(poll);
      clearInterval(heartbeat);
      off();
      this.streams.delete(close);
      res.end();
    };
    this.streams.add(close);
    res.on('close', close);
  }

  /** Ends every stream (shutdown). */
  closeAll(): void {
    for (const close of [...this.streams]) close();
  }
}
