import { AppError, AppErrorCode } from '../../../core/errors.js';
import type { TeamsFile } from './teams-file-attachments.js';

/**
 * Downloads an attached file. Teams' downloadUrl is pre-authorised and short-lived, so no token
 * is sent (a token must not go to a URL a message supplied). Stops past `maxBytes`.
 */
export async function downloadTeamsFile(file: TeamsFile, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new AppError(AppErrorCode.InvalidInput, `${file.name} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit; upload a smaller file.`, { reason: 'too_large' });
  const res = await fetch(file.url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok || !res.body) throw new AppError(AppErrorCode.Unavailable, `Clause could not download ${file.name} (HTTP ${res.status}); send it again.`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
