import { PassThrough } from 'node:stream';
import { CliError, cliMain, helpText, parseCli, progressBar, UsageError, type CliSpec } from '../../src/cli/cli-kit.js';

const spec: CliSpec = {
  name: 'demo',
  file: 'demo',
  usage: 'DIR --out FILE',
  summary: 'Does a demo.',
  options: {
    out: { type: 'string', short: 'o', value: 'FILE', description: 'where to write' },
    k: { type: 'string', value: 'N', description: 'how many', default: '5' },
    'dry-run': { type: 'boolean', description: 'write nothing' },
  },
  positionals: { min: 1, max: 1 },
};

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } } };
}

describe('cli-kit', () => {
  it('parses options, defaults and positionals', () => {
    expect(parseCli(spec, ['data', '--out', 'x.jsonl', '--dry-run'])).toEqual({
      values: { out: 'x.jsonl', k: '5', 'dry-run': true },
      positionals: ['data'],
      help: false,
    });
  });

  it('answers --help (and -h) with the usage of both the npm script and the compiled entry point', async () => {
    const { out, io: streams } = io();
    expect(await cliMain(spec, ['-h'], async () => 1, streams)).toBe(0);
    expect(out.stdout).toBe(helpText(spec));
    expect(out.stdout).toMatch(/^Does a demo\.\n\nusage: npm run demo -- DIR --out FILE\n {7}node dist\/src\/cli\/demo\.js DIR --out FILE\n/);
    expect(out.stdout).toMatch(/-o, --out FILE +where to write/);
    expect(out.stdout).toMatch(/--k N +how many \(default 5\)/);
    expect(out.stderr).toBe('');
  });

  it.each([
    [[], 'demo: missing argument: DIR --out FILE'],
    [['a', 'b'], 'demo: unexpected argument b'],
    [['a', '--bogus'], 'demo: unknown option --bogus'],
    [['a', '--out'], "demo: Option '-o, --out <value>' argument missing"],
  ])('refuses %j with one line and exit code 2', async (argv, line) => {
    const { out, io: streams } = io();
    expect(await cliMain(spec, argv, async () => 0, streams)).toBe(2);
    expect(out.stderr).toBe(`${line} (usage: npm run demo -- DIR --out FILE; see --help)\n`);
  });

  it('turns a user error into one line with its exit code, and any other error into one line and 1', async () => {
    const a = io();
    expect(await cliMain(spec, ['x'], async () => Promise.reject(new CliError('x does not exist')), a.io)).toBe(1);
    expect(a.out.stderr).toBe('demo: x does not exist\n');
    const b = io();
    expect(await cliMain(spec, ['x'], async () => Promise.reject(new UsageError('--out FILE is required')), b.io)).toBe(2);
    const c = io();
    const bug = new Error('boom\n    at somewhere (file.ts:1:1)');
    expect(await cliMain(spec, ['x'], async () => Promise.reject(bug), c.io)).toBe(1);
    expect(c.out.stderr).toBe('demo failed: boom\n');
  });

  it('returns what the command returns', async () => {
    expect(await cliMain(spec, ['x'], async () => 1, io().io)).toBe(1);
    expect(await cliMain(spec, ['x'], async () => undefined, io().io)).toBe(0);
  });

  it('draws a progress bar only on a terminal', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (c: Buffer) => (written += c.toString()));
    const quiet = progressBar('working', 3, stream);
    quiet.tick();
    quiet.stop();
    expect(written).toBe('');
  });
});
