import { AppError, AppErrorCode } from '../../core/errors.js';
import type { DownloadFile, DownloadOptions } from '../../core/ports/file-download.js';

/**
 * Downloads an uploaded file, refusing it as soon as it passes `maxBytes` (by its declared length
 * or while reading), so an oversized upload never fills memory.
 */
export const downloadFile: DownloadFile = async (url: string, opts: DownloadOptions): Promise<Uint8Array> => {
  const tooLarge = () =>
    new AppError(AppErrorCode.InvalidInput, `${opts.fileName} is larger than the ${Math.round(opts.maxBytes / 1024 / 1024)} MB limit; upload a smaller file.`, {
      reason: 'too_large',
    });
  const res = await fetch(url, { ...(opts.headers ? { headers: opts.headers } : {}), signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
  if (!res.ok || !res.body) {
    throw new AppError(
      AppErrorCode.Unavailable,
      `Clause could not download ${opts.fileName}${opts.source ? ` from ${opts.source}` : ''} (HTTP ${res.status}); send it again.`,
    );
  }
  if (Number(res.headers.get('content-length') ?? '0') > opts.maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > opts.maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
};
