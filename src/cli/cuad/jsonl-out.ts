import { writeFile } from 'node:fs/promises';

export async function writeJsonl(file: string, rows: unknown[]): Promise<void> {
  await writeFile(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`, 'utf8');
}
