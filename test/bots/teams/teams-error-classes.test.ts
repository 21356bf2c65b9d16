import { classifyTeamsError } from '../../../src/bots/teams/teams-chat-notifier.js';

const restError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${statusCode}`), {
    statusCode,
    response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
  });

describe('Bot Connector errors, classified like Slack’s', () => {
  it('429 (with Retry-After), 408, 5xx, 401 and network errors are transient; 403, 404 and other 4xx are permanent', () => {
    expect(classifyTeamsError(restError(429, '7'))).toEqual({
      status: 'transient',
      reason: 'Bot Connector answered HTTP 429',
      retryAfterMs: 7000,
      mayHaveArrived: false,
    });
    expect(classifyTeamsError(restError(503))).toMatchObject({ status: 'transient', mayHaveArrived: true });
    expect(classifyTeamsError(restError(408))).toMatchObject({ status: 'transient' });
    expect(classifyTeamsError(restError(401))).toMatchObject({ status: 'transient' });
    expect(classifyTeamsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ status: 'transient', mayHaveArrived: true });
    expect(classifyTeamsError(restError(403))).toEqual({ status: 'permanent', reason: 'Bot Connector answered HTTP 403 (the bot was removed or blocked)' });
    expect(classifyTeamsError(restError(404))).toEqual({ status: 'permanent', reason: 'Bot Connector answered HTTP 404 (no such conversation)' });
    expect(classifyTeamsError(restError(400))).toMatchObject({ status: 'permanent' });
  });
});
