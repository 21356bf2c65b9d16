import { Writable } from 'node:stream';

/** One parsed pino log line, as a test sees it. */
export interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

/** A pino destination that parses every line into `logs`, so tests can assert on the service's logs. */
export function logCapture(logs: LogLine[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
}
