/** `npm run ask` and `npm run score:ask` as a user runs them: real processes, a temporary folder. */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME_MSA } from '../core/ask/contract-texts.js';

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', script, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'clause-ask-cli-'));
mkdirSync(join(dir, 'contracts'));
writeFileSync(join(dir, 'contracts', 'acme.txt'), ACME_MSA);
const start = ACME_MSA.indexOf('Either party may terminate this Agreement for convenience');
writeFileSync(
  join(dir, 'qa.jsonl'),
  JSON.stringify({
    id: 'acme__tfc',
    contractId: 'acme',
    category: 'Termination For Convenience',
    question: 'q',
    isImpossible: false,
    answers: [{ text: 'x', start, end: start + 50 }],
  }) +
    '\n' +
    JSON.stringify({ id: 'acme__escrow', contractId: 'acme', category: 'Source Code Escrow', question: 'q', isImpossible: true, answers: [] }) +
    '\n',
);

describe('npm run ask', () => {
  it('quotes the clause with its offsets, and refuses what the text does not say', async () => {
    const a = await run('src/cli/ask.ts', [dir, 'How do we get out of this contract early?', '--contract', 'acme']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('Clause type: Termination For Convenience');
    expect(a.stdout).toContain(`acme [${start}-`);
    const b = await run('src/cli/ask.ts', [dir, 'Is the source code held in escrow?']);
    expect(b.stdout).toContain('I found nothing in the contract text that answers this.');
  });

  it('gives help, and a one-line usage error with exit code 2 and no stack trace', async () => {
    expect((await run('src/cli/ask.ts', ['--help'])).stdout).toContain('usage: npm run ask -- DIR "question" [--contract ID]');
    for (const args of [[dir], [dir, 'what is the term?', '--contract'], [dir, 'what is the term?', '--contract', 'nope'], [dir, 'q?', '--bogus']]) {
      const r = await run('src/cli/ask.ts', args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });
});

describe('npm run score:ask', () => {
  it('scores first quote, refusals and paraphrase agreement on a CUAD-style folder', async () => {
    const r = await run('src/cli/score-ask.ts', [dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/n=\s+1\/1\s+first 100\.0%\s+any3 100\.0%\s+nothing\s+0\.0%\s+refusals 100\.0%\s+paraphrases 100\.0%/);
  });

  it('rejects bad options with exit code 2', async () => {
    const r = await run('src/cli/score-ask.ts', [dir, '--half', 'middle']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
