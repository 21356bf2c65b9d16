/**
 * What every Clause command-line tool shares: `.env` loading, `--help`, argument parsing with
 * one-line usage errors (exit code 2), one-line failures without stack traces for what the user
 * can fix, and a progress bar on long runs when attached to a terminal.
 *
 *   const cli = defineCli({ name: 'extract', usage: 'DIR --out FILE', summary: '…', options: { out: { type: 'string', … } } });
 *   runCli(cli, async ({ values, positionals }) => { …; return 0; });
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError } from '../config/env.js';
import { loadProcessEnvFiles } from '../config/env-files.js';

/** Exit codes: 0 done, 1 done with problems (e.g. rejected rows) or failed, 2 wrong usage. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Wrong arguments: printed as one line with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the user can fix (a file that cannot be read, a refused input): one line, no stack. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.problems,
  ) {
    super(message);
  }
}

export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown in --help, e.g. `FILE` for `--out FILE`. */
  value?: string;
  description: string;
  default?: string;
}

export interface CliSpec {
  /** The npm script, e.g. `import` (shown as `npm run import -- …`). */
  name: string;
  /** The compiled entry point under dist/src/cli, e.g. `import-contracts` (shown in --help). */
  file: string;
  /** Arguments after the command, e.g. `[--dry-run] FILE`. */
  usage: string;
  summary: string;
  options?: Record<string, CliOption>;
  /** How many positional arguments: exactly [min, max]. */
  positionals?: { min: number; max: number };
  /** Extra paragraphs for --help (exit codes, examples). */
  details?: string;
}

export interface ParsedCli {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function helpText(spec: CliSpec): string {
  const lines = [
    `${spec.summary}`,
    '',
    `usage: npm run ${spec.name} -- ${spec.usage}`,
    `       node dist/src/cli/${spec.file}.js ${spec.usage}`,
    '',
    'options:',
  ];
  const options = { ...spec.options, help: { type: 'boolean', short: 'h', description: 'show this help and exit' } as CliOption };
  const left = Object.entries(options).map(
    ([name, o]) => `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
  );
  const width = Math.max(...left.map((l) => l.length)) + 2;
  for (const [i, o] of Object.values(options).entries())
    lines.push(`  ${left[i]!.padEnd(width)}${o.description}${o.default !== undefined ? ` (default ${o.default})` : ''}`);
  if (spec.details) lines.push('', spec.details.trim());
  return `${lines.join('\n')}\n`;
}

/** Parses argv against the spec; throws UsageError naming the problem. `help: true` when asked. */
export function parseCli(spec: CliSpec, argv: string[]): ParsedCli & { help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, o] of Object.entries(spec.options ?? {})) options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's messages are long and mention internals; keep the first sentence.
    const message = (error as Error).message
      .split('\n')[0]!
      .replace(/\.$/, '')
      .replace(/^Unknown option '(.*?)'.*$/, 'unknown option $1');
    throw new UsageError(message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { values, positionals: parsed.positionals, help: true };
  for (const [name, o] of Object.entries(spec.options ?? {})) if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  const n = parsed.positionals.length;
  if (n < min) throw new UsageError(`missing argument: ${spec.usage}`);
  if (n > max) throw new UsageError(`unexpected argument ${parsed.positionals[max]}`);
  return { values, positionals: parsed.positionals, help: false };
}

interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/**
 * Runs a command: reads `.env`/`.env.local`, answers --help, and turns every failure into one
 * line on stderr and an exit code (2 for usage, the CliError's code, 1 otherwise). A stack trace
 * is printed only for an unexpected error with LOG_LEVEL=debug or trace.
 */
export async function cliMain(
  spec: CliSpec,
  argv: string[],
  // biome-ignore lint/suspicious/noConfusingVoidType: a command returns an exit code or nothing (0)
  main: (args: ParsedCli) => Promise<number | void>,
  io: CliIo = process,
  readEnvFiles = io === process,
): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  try {
    if (readEnvFiles) loadProcessEnvFiles();
    const args = parseCli(spec, argv);
    if (args.help) {
      io.stdout.write(helpText(spec));
      return EXIT.ok;
    }
    return (await main(args)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      say(`${spec.name}: ${error.message} (usage: npm run ${spec.name} -- ${spec.usage}; see --help)`);
      return EXIT.usage;
    }
    if (error instanceof CliError) {
      say(`${spec.name}: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      say(error.message);
      return EXIT.problems;
    }
    const message = error instanceof Error ? error.message : String(error);
    say(`${spec.name} failed: ${message.split('\n')[0]}`);
    if (['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '') && error instanceof Error && error.stack) say(error.stack);
    return EXIT.problems;
  }
}

/** cliMain, then exit with its code (the entry point of each src/cli/*.ts). */
// biome-ignore lint/suspicious/noConfusingVoidType: a command returns an exit code or nothing (0)
export function runCli(spec: CliSpec, main: (args: ParsedCli) => Promise<number | void>): void {
  void cliMain(spec, process.argv.slice(2), main).then((code) => process.exit(code));
}

export interface Progress {
  /** Advance by n (default 1). */
  tick(n?: number): void;
  /** Change the total (when it becomes known). */
  setTotal(total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal (cli-progress), with rate and time left;
 * nothing otherwise, so piped output and CI logs stay clean.
 */
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { tick: () => undefined, setTotal: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  return {
    tick: (n = 1) => bar.increment(n),
    setTotal: (t) => bar.setTotal(t),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
