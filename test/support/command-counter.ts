import type { Connection } from 'mongoose';

/** Commands the driver sends on its own (handshakes, sessions), not round trips of the code under test. */
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo', 'getParameter']);

interface CommandStartedEvent {
  commandName: string;
  databaseName: string;
  command: Record<string, unknown>;
}

/** What one counted operation sent to the database. */
export interface CommandCount {
  total: number;
  /** `find contracts` → how many. */
  byCommand: Record<string, number>;
  /** Every command in the order it was sent (`find contracts`, `insert approval_claims`, …). */
  sequence: string[];
}

/** `find contracts` from a started command: its name and, when it names one, its collection. */
function label(event: CommandStartedEvent): string {
  const target = event.command[event.commandName];
  const collection = typeof target === 'string' ? target : typeof event.command.collection === 'string' ? event.command.collection : '';
  return collection ? `${event.commandName} ${collection}` : event.commandName;
}

/**
 * Counts the MongoDB commands (round trips) the code sends on a connection opened with
 * `monitorCommands: true`, while `run` runs. Only this connection's database is counted, so a
 * test's other connections do not disturb the figure.
 */
export async function countCommands(connection: Connection, run: () => Promise<unknown>): Promise<CommandCount> {
  const client = connection.getClient();
  const dbName = connection.db?.databaseName;
  const sequence: string[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    if (dbName && event.databaseName !== dbName) return;
    sequence.push(label(event));
  };
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  const byCommand: Record<string, number> = {};
  for (const s of sequence) byCommand[s] = (byCommand[s] ?? 0) + 1;
  return { total: sequence.length, byCommand, sequence };
}

/** A readable breakdown for a failure message or a printed figure. */
export function describeCount(name: string, count: CommandCount): string {
  const rows = Object.entries(count.byCommand)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`);
  return [`${name}: ${count.total} round trips`, ...rows, `  order: ${count.sequence.join(' → ')}`].join('\n');
}
