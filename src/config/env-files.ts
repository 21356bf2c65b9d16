import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './env.js';

/** The files read at start-up, most specific first: `.env.local` wins over `.env`. */
const ENV_FILES = ['.env.local', '.env'] as const;

/**
 * Reads `.env.local` and `.env` from `dir` when present (Node's own parser, `util.parseEnv`) into
 * `target`. A variable already set in the real environment always wins over the files, and
 * `.env.local` wins over `.env`. Returns the files that were read, for the start-up log.
 */
export function loadEnvFiles(dir: string = process.cwd(), target: NodeJS.ProcessEnv = process.env): string[] {
  const read: string[] = [];
  const fromEnvironment = new Set(Object.keys(target).filter((k) => target[k] !== undefined));
  for (const name of ENV_FILES) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new ConfigError(`Configuration error: cannot read ${name}: ${(error as Error).message}`);
    }
    read.push(name);
    for (const [key, value] of Object.entries(parseEnv(text))) {
      // Set by the environment, or by a more specific file read before this one: keep it.
      if (fromEnvironment.has(key) || target[key] !== undefined) continue;
      target[key] = value;
    }
  }
  return read;
}

let filesRead: string[] = [];

/** Loads the files into process.env once per process (main, worker, CLIs); see loadEnvFiles. */
export function loadProcessEnvFiles(dir?: string): string[] {
  filesRead = loadEnvFiles(dir);
  return filesRead;
}

/** The files the process read (for the start-up log line). */
export function envFilesRead(): string[] {
  return [...filesRead];
}
