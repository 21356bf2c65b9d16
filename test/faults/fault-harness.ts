import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import type { Connection } from 'mongoose';
import { ManualClock } from '../../src/core/ports/clock.js';
import { createContract } from '../../src/core/services/create-contract.js';
import type { ContractStoreDeps } from '../../src/core/services/contract-store-deps.js';
import { connectDatabase } from '../../src/infra/mongo/connect-database.js';
import { createMongoStore } from '../../src/infra/mongo/mongo-store.js';
import type { SlackApiEmulator } from '../emulators/slack-api-emulator.js';
import { uniqueDbName } from '../support/database.js';

/** The day every scenario runs on (the child processes' clock starts here: CLAUSE_TEST_CLOCK). */
const TODAY = '2027-03-15';
export const START = `${TODAY}T06:00:00Z`;
/** Contracts ending 30 days later with 30 days' notice: their deadline-day nudge is due today. */
const END = '2027-04-14';

export type LogLine = { level: number; msg: string; [k: string]: unknown };

/** Polls `check` every 100 ms until it returns a value (bounded; never a fixed sleep). */
export async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Short leases and retries so a scenario takes seconds (the settings are documented in README). */
export const FAST_SETTINGS: Record<string, string> = {
  DELIVERY_LEASE_MS: '4000',
  DELIVERY_RETRY_BASE_MS: '300',
  DELIVERY_RETRY_MAX_MS: '1500',
  DELIVERY_GIVE_UP_AFTER_MS: '60000',
  DELIVERY_SWEEP_INTERVAL_MS: '1000',
  RENEWAL_SCAN_RETRY_MS: '2000',
  SLACK_POST_TIMEOUT_MS: '500',
  SHUTDOWN_GRACE_MS: '5000',
};

/** A real `src/worker.ts` process (through tsx), its JSON log lines and its exit. */
export class WorkerProcess {
  readonly logs: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private stderr = '';

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line
        }
      }
    });
    this.child.stderr!.on('data', (c: Buffer) => (this.stderr = (this.stderr + c.toString()).slice(-4000)));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves when the worker's jobs have started. */
  started(timeoutMs = 60_000): Promise<LogLine> {
    return until(() => this.logs.find((l) => l.msg === 'jobs started'), timeoutMs, `worker ${this.pid} to start (stderr: ${this.stderr})`);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGTERM and wait for the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** A database of the scenario's own, with N contracts whose deadline-day nudge is due today. */
export async function seedScenario(
  uri: string,
  label: string,
  contracts: number,
): Promise<{ dbName: string; connection: Connection; store: ContractStoreDeps; nudgeIds: string[]; owners: string[] }> {
  const dbName = uniqueDbName(`faults_${label}`);
  const connection = await connectDatabase(uri, dbName);
  const store = await createMongoStore(connection, new ManualClock(START));
  const nudgeIds: string[] = [];
  const owners: string[] = [];
  for (let i = 0; i < contracts; i++) {
    const owner = {
      platform: 'slack' as const,
      id: `U0F${label
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, 6)}${i}`,
      displayName: `Owner ${i}`,
    };
    const c = await createContract(store, {
      terms: { title: `Fault MSA ${i}`, type: 'msa', counterparty: `Counterparty ${i}`, startDate: '2026-04-15', endDate: END, noticePeriodDays: 30 },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
      text: { body: 'Master services agreement.' },
    });
    nudgeIds.push(`${c.id}:${END}:0`);
    owners.push(owner.id);
  }
  return { dbName, connection, store, nudgeIds, owners };
}

export interface NudgeDoc {
  _id: string;
  status: string;
  reason?: string;
  attempts: number;
}

async function nudgeDocs(connection: Connection): Promise<NudgeDoc[]> {
  return connection
    .collection<NudgeDoc>('renewal_nudges')
    .find({}, { projection: { status: 1, reason: 1, attempts: 1 } })
    .toArray();
}

/** Every due nudge settled: sent or failed. */
export async function allSettled(connection: Connection, ids: readonly string[]): Promise<boolean> {
  const docs = await nudgeDocs(connection).catch(() => []);
  const byId = new Map(docs.map((d) => [d._id, d]));
  return ids.every((id) => ['sent', 'failed'].includes(byId.get(id)?.status ?? ''));
}

export interface FaultRow {
  scenario: string;
  due: number;
  deliveredOnce: number;
  duplicates: number;
  lost: number;
  reportedFailed: number;
}

/** Counts, per due nudge, the Slack messages that carry its delivery id, against what the outbox says. */
export async function tally(
  scenario: string,
  slack: SlackApiEmulator,
  connection: Connection,
  ids: readonly string[],
): Promise<FaultRow & { failures: NudgeDoc[] }> {
  const docs = new Map((await nudgeDocs(connection)).map((d) => [d._id, d]));
  const posted = new Map<string, number>();
  for (const d of slack.deliveries()) posted.set(d.deliveryId, (posted.get(d.deliveryId) ?? 0) + 1);
  const row: FaultRow & { failures: NudgeDoc[] } = { scenario, due: ids.length, deliveredOnce: 0, duplicates: 0, lost: 0, reportedFailed: 0, failures: [] };
  for (const id of ids) {
    const n = posted.get(`renewal_nudges/${id}/0`) ?? 0;
    const doc = docs.get(id);
    if (n === 1 && doc?.status === 'sent') row.deliveredOnce++;
    if (n > 1) row.duplicates += n - 1;
    if (n === 0 && doc?.status === 'failed') {
      row.reportedFailed++;
      row.failures.push(doc);
    } else if (n === 0) row.lost++;
    // Posted but recorded failed, or recorded sent but never posted: counted as lost too.
    if ((n >= 1 && doc?.status !== 'sent') || (n === 0 && doc?.status === 'sent')) row.lost++;
  }
  return row;
}

/** The rows as the Markdown table of bench/README.md ("Faults"), written when FAULTS_REPORT names a file. */
export async function writeReport(rows: FaultRow[]): Promise<void> {
  const file = process.env.FAULTS_REPORT;
  if (!file) return;
  const lines = [
    '| Scenario | Nudges due | Delivered once | Duplicates | Lost | Reported failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.scenario} | ${r.due} | ${r.deliveredOnce} | ${r.duplicates} | ${r.lost} | ${r.reportedFailed} |`),
  ];
  await writeFile(file, `${lines.join('\n')}\n`);
}

/** The pid of the FerretDB server under its supervisor (the supervisor's child named ferretdb). */
export async function serverPidUnder(supervisorPid: number): Promise<number> {
  const { execFile } = await import('node:child_process');
  const out = await new Promise<string>((resolve, reject) =>
    execFile('ps', ['-o', 'pid=,comm=', '--ppid', String(supervisorPid)], (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );
  const line = out.split('\n').find((l) => /ferretdb/.test(l));
  if (!line) throw new Error(`no ferretdb process under ${supervisorPid}: ${out}`);
  return Number(line.trim().split(/\s+/)[0]);
}
