import type { App, ReceiverEvent, ReceiverUnhandledRequestHandlerArgs } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';

/**
 * How many listeners may be past their ack() and still working at once. The rest wait (in
 * memory, in arrival order) until one finishes: under a burst, the work after the acknowledgement
 * (database reads, replies, Home tab refreshes) no longer crowds the event loop and the database,
 * so the next requests are still acknowledged well inside Slack's 3 seconds.
 */
const AFTER_ACK_CONCURRENCY = 32;

/** A counting semaphore: acquire() resolves when a slot is free; release() hands it on. */
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
  /** Listeners waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}

/**
 * Acknowledgements that are sent once and in time (HTTP mode): Bolt's own timer (3 s) answers a
 * request nobody acknowledged and logs "not acknowledged within 3 seconds"; an ack() after that
 * used to write a second response and fail with ERR_HTTP_HEADERS_SENT. Here every listener's
 * ack() is wrapped: a second call is ignored (a warn, not Bolt's ReceiverMultipleAckError), a call
 * after Bolt's timer fired is not sent (a warn), and after a successful ack the listener waits for
 * one of `AFTER_ACK_CONCURRENCY` slots before its slow part runs.
 *
 * Returns the receiver's `unhandledRequestHandler` (it marks the request as answered by Bolt).
 */
export function ackDiscipline(app: App, logger: Logger, slots = new Slots(AFTER_ACK_CONCURRENCY)): (args: ReceiverUnhandledRequestHandlerArgs) => void {
  // The parsed body is the one object the receiver's timer and processEvent both see.
  const timedOut = new WeakSet<object>();
  const original = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    let acked = false;
    let holding = false;
    const ack: ReceiverEvent['ack'] = async (response?: unknown) => {
      if (acked) {
        logger.warn('Slack ack() called twice for one request; the second call was ignored');
        return;
      }
      acked = true;
      if (typeof event.body === 'object' && event.body !== null && timedOut.has(event.body)) {
        logger.warn('Slack ack() came after the 3-second limit; Slack was already answered, so it was not sent');
        return;
      }
      await event.ack(response as never);
      await slots.acquire();
      holding = true;
    };
    try {
      await original({ ...event, ack });
    } finally {
      if (holding) slots.release();
    }
  };
  return ({ request, response }) => {
    const body = (request as { body?: unknown }).body;
    if (typeof body === 'object' && body !== null) timedOut.add(body);
    logger.error(
      { path: request.url, afterAckQueued: slots.queued },
      'Slack request not acknowledged within 3 seconds (Bolt answered it); a later ack() is not sent',
    );
    if (!response.headersSent) {
      response.writeHead(404);
      response.end();
    }
  };
}
