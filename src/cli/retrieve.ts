/** npm run retrieve -- DIR --out FILE [--k 5] : top passages for every question of DIR/qa.jsonl. */
import { z } from 'zod';
import { parseCliArgs } from './cuad/cli-args.js';
import { writeJsonl } from './cuad/jsonl-out.js';
import { runRetrieval } from './cuad/run-retrieval.js';

const usage = 'usage: npm run retrieve -- DIR --out FILE [--k 5]';
const { dir, flags } = parseCliArgs(process.argv.slice(2), usage);
if (!flags.out) throw new Error(usage);
const k = z.coerce.number().int().positive().max(100).parse(flags.k ?? '5');
const records = await runRetrieval(dir, k);
await writeJsonl(flags.out, records);
console.log(`answered ${records.length} questions (k=${k}) -> ${flags.out}`);
