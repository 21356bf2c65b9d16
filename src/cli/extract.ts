/** npm run extract -- DIR --out FILE : one JSON line of key terms per contract in DIR. */
import { parseCliArgs } from './cuad/cli-args.js';
import { writeJsonl } from './cuad/jsonl-out.js';
import { runExtraction } from './cuad/run-extraction.js';

const { dir, flags } = parseCliArgs(process.argv.slice(2), 'usage: npm run extract -- DIR --out FILE');
if (!flags.out) throw new Error('usage: npm run extract -- DIR --out FILE');
const records = await runExtraction(dir);
await writeJsonl(flags.out, records);
console.log(`extracted ${records.length} contracts -> ${flags.out}`);
