/** npm run extract -- DIR --out FILE : one JSON line of key terms per contract in DIR. */
import { CliError, progressBar, runCli, UsageError, type CliSpec } from './cli-kit.js';
import { writeJsonl } from './cuad/jsonl-out.js';
import { runExtraction } from './cuad/run-extraction.js';
import { readableDir } from './cli-files.js';

const extractCli: CliSpec = {
  name: 'extract',
  file: 'extract',
  usage: 'DIR --out FILE',
  summary: 'Extracts key terms of every contract in DIR (DIR/contracts/*.txt or DIR/*.txt) with the built-in rules; one JSON line per contract to FILE.',
  options: { out: { type: 'string', short: 'o', value: 'FILE', description: 'where to write the JSON lines (required)' } },
  positionals: { min: 1, max: 1 },
};

runCli(extractCli, async ({ values, positionals }) => {
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('--out FILE is required');
  const dir = await readableDir(positionals[0]!);
  let bar: ReturnType<typeof progressBar> | undefined;
  const records = await runExtraction(dir, {
    onProgress: (done, total) => {
      bar ??= progressBar('extracting', total);
      bar.tick();
      if (done === total) bar.stop();
    },
  });
  if (records.length === 0) throw new CliError(`no contracts (*.txt) in ${dir} or ${dir}/contracts`);
  await writeJsonl(out, records);
  console.log(`extracted ${records.length} contracts -> ${out}`);
});
