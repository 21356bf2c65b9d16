import { z } from 'zod';
import { AppError, AppErrorCode } from '../../../core/errors.js';
import type { DownloadFile } from '../../../core/ports/file-download.js';

/** The parts of a shared file (message `files[]` or files.info) the import uses. */
export const ZSlackSharedFile = z
  .object({
    id: z.string().min(1),
    name: z.string().default('contract'),
    size: z.number().int().nonnegative().optional(),
    url_private_download: z.string().url().optional(),
    url_private: z.string().url().optional(),
  })
  .loose();
export type SlackSharedFile = z.infer<typeof ZSlackSharedFile>;

/** The bot token goes only to Slack: *.slack.com, or the host of SLACK_API_URL (an emulator, a proxy). */
function isSlackHost(url: string, apiUrl: string | undefined): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'slack.com' || host.endsWith('.slack.com') || (apiUrl !== undefined && new URL(apiUrl).hostname === host);
  } catch {
    return false;
  }
}

/** Downloads a file the user shared, with the bot token (Slack serves private files only to an authenticated client). */
export async function downloadSlackFile(download: DownloadFile, file: SlackSharedFile, token: string, maxBytes: number, apiUrl?: string): Promise<Uint8Array> {
  const url = file.url_private_download ?? file.url_private;
  if (!url || !isSlackHost(url, apiUrl))
    throw new AppError(AppErrorCode.InvalidInput, `Slack did not give Clause a download link for ${file.name}; share the file again.`);
  if (file.size !== undefined && file.size > maxBytes) {
    throw new AppError(AppErrorCode.InvalidInput, `${file.name} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit; upload a smaller file.`, {
      reason: 'too_large',
    });
  }
  return download(url, { fileName: file.name, maxBytes, headers: { authorization: `Bearer ${token}` }, source: 'Slack' });
}
