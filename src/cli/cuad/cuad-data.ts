import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** One (contract, category) question of the CUAD set, as written by the dataset exporter. */
const ZCuadQuestion = z.object({
  id: z.string(),
  contractId: z.string(),
  category: z.string(),
  question: z.string(),
  isImpossible: z.boolean(),
  answers: z.array(z.object({ text: z.string(), start: z.number().int(), end: z.number().int() })),
  normalizedAnswer: z.string().nullable().optional(),
});
export type CuadQuestion = z.infer<typeof ZCuadQuestion>;

export async function readJsonl<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const raw = await readFile(file, 'utf8');
  return raw
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function readQuestions(dir: string): Promise<CuadQuestion[]> {
  return readJsonl(path.join(dir, 'qa.jsonl'), ZCuadQuestion);
}

export interface ContractFile {
  id: string;
  text: string;
}

/** Contracts of DIR/contracts/*.txt (or DIR/*.txt), sorted by id for stable output. */
export async function readContracts(dir: string): Promise<ContractFile[]> {
  const nested = path.join(dir, 'contracts');
  const folder = await readdir(nested).then(
    () => nested,
    () => dir,
  );
  const names = (await readdir(folder)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map(async (name) => ({ id: name.slice(0, -4), text: await readFile(path.join(folder, name), 'utf8') })));
}

/** The question without CUAD's boilerplate: `Category. Description`. */
export function questionQuery(q: Pick<CuadQuestion, 'category' | 'question'>): string {
  const details = /Details:\s*(.*)$/s.exec(q.question)?.[1] ?? '';
  return `${q.category}. ${details}`.trim();
}
