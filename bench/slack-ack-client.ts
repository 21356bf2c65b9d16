/**
 * The load generator of bench/slack-ack-load.ts, run in a child process: autocannon on its own
 * event loop, as Slack is a separate client, so the server's work after `ack()` does not delay the
 * client's reading of the acknowledgement (and so inflate the measured latency) as it does when
 * both share one event loop (`--client-in-process`, the earlier figures).
 */
import autocannon from 'autocannon';
import { blockActionsBody, signSlackRequest, slashCommandBody } from '../test/support/slack-signing.js';

export interface ClientRun {
  url: string;
  connections: number;
  seconds?: number;
  amount?: number;
  secret: string;
  responseUrl: string;
  /** Makes trigger ids unique across runs (Clause refuses an exact replay). */
  runId: string;
}

export interface ClientResult {
  requests: number;
  average: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/**
 * Signed requests, each one fresh: a new trigger id and a signature made when it is sent, as Slack
 * does (Clause refuses an exact replay of an earlier request since issue 11).
 */
function signedRequests(run: Pick<ClientRun, 'secret' | 'responseUrl' | 'runId'>): autocannon.Request[] {
  let sent = 0;
  const bodies: Array<() => string> = [
    () => slashCommandBody({ text: 'list', userId: 'U0BENCH', triggerId: `bench.${run.runId}.${++sent}.cmd`, responseUrl: run.responseUrl }),
    () => slashCommandBody({ text: 'help', userId: 'U0BENCH', triggerId: `bench.${run.runId}.${++sent}.cmd`, responseUrl: run.responseUrl }),
    () =>
      blockActionsBody({
        userId: 'U0BENCH',
        actionId: 'approval.approve',
        value: JSON.stringify({ roundId: '000000000000000000000000', stage: '0' }),
        triggerId: `bench.${run.runId}.${++sent}.click`,
      }),
  ];
  return bodies.map((make) => ({
    method: 'POST',
    path: '/slack/events',
    setupRequest: (req: autocannon.Request) => {
      const body = make();
      return { ...req, body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(run.secret, body) } };
    },
  }));
}

export async function runClient(run: ClientRun): Promise<ClientResult> {
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    ...(run.amount ? { amount: run.amount } : { duration: run.seconds ?? 10 }),
    requests: signedRequests(run),
  });
  return {
    requests: result.requests.total,
    average: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

// Run as a child process (forked by the bench): one run per message, the result sent back.
if (process.send && process.env.CLAUSE_SLACK_ACK_CLIENT === '1') {
  process.on('message', (run: ClientRun) => {
    runClient(run).then(
      (result) => process.send!({ ok: true, result }),
      (err: unknown) => process.send!({ ok: false, error: String(err) }),
    );
  });
}
