import mongoose, { type Connection } from 'mongoose';

/**
 * One mongoose connection per database. Indexes are created explicitly by the store (autoIndex
 * off), and server selection fails fast so a request never hangs on a database that is down.
 */
export async function connectDatabase(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    autoIndex: false,
    autoCreate: true,
    serverSelectionTimeoutMS: 5_000,
    heartbeatFrequencyMS: 2_000,
  });
  await connection.asPromise();
  return connection;
}

/** Pings the server; false (not an exception) when it does not answer within `timeoutMs`. */
export async function pingDatabase(connection: Connection, timeoutMs = 1_500): Promise<boolean> {
  const db = connection.db;
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = db
      .admin()
      .command({ ping: 1 })
      .then(() => true);
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
