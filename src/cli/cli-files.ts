import { stat } from 'node:fs/promises';
import { CliError } from './cli-kit.js';

/** The folder, or a one-line CliError saying why it cannot be used. */
export async function readableDir(dir: string): Promise<string> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new CliError(`${dir} does not exist`);
  if (!info.isDirectory()) throw new CliError(`${dir} is not a folder`);
  return dir;
}

/** The file, or a one-line CliError saying why it cannot be used. */
export async function readableFile(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new CliError(`${file} does not exist`);
  if (!info.isFile()) throw new CliError(`${file} is not a file`);
  return file;
}
