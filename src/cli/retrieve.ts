/** npm run retrieve -- DIR --out FILE [--k 5] : top passages for every question of DIR/qa.jsonl. */
import { z } from 'zod';
import { CliError, progressBar, runCli, UsageError, type CliSpec } from './cli-kit.js';
import { readableDir, readableFile } from './cli-files.js';
import { writeJsonl } from './cuad/jsonl-out.js';
import { runRetrieval } from './cuad/run-retrieval.js';
import { join } from 'node:path';

const retrieveCli: CliSpec = {
  name: 'retrieve',
  file: 'retrieve',
  usage: 'DIR --out FILE [--k 5]',
  summary: 'Finds the top passages of its own contract for every question of DIR/qa.jsonl (CUAD layout); one JSON line per question to FILE.',
  options: {
    out: { type: 'string', short: 'o', value: 'FILE', description: 'where to write the JSON lines (required)' },
    k: { type: 'string', short: 'k', value: 'N', description: 'passages per question, 1 to 100', default: '5' },
  },
  positionals: { min: 1, max: 1 },
};

runCli(retrieveCli, async ({ values, positionals }) => {
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('--out FILE is required');
  const k = z.coerce.number().int().positive().max(100).safeParse(values.k);
  if (!k.success) throw new UsageError(`--k must be a whole number from 1 to 100, not ${String(values.k)}`);
  const dir = await readableDir(positionals[0]!);
  await readableFile(join(dir, 'qa.jsonl'));
  let bar: ReturnType<typeof progressBar> | undefined;
  const records = await runRetrieval(dir, k.data, {
    onProgress: (done, total) => {
      bar ??= progressBar('retrieving', total);
      bar.tick();
      if (done === total) bar.stop();
    },
  });
  if (records.length === 0) throw new CliError(`no questions in ${join(dir, 'qa.jsonl')}`);
  await writeJsonl(out, records);
  console.log(`answered ${records.length} questions (k=${k.data}) -> ${out}`);
});
