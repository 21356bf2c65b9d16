import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** Teams sends a file shared in a personal chat as this attachment, with a pre-authorised download URL. */
export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

const ZDownloadInfo = z.object({ downloadUrl: z.string().url(), fileType: z.string().optional() }).loose();
const ZAttachment = z
  .object({ contentType: z.string(), contentUrl: z.string().url().optional(), name: z.string().optional(), content: z.unknown().optional() })
  .loose();

export interface TeamsFile {
  name: string;
  url: string;
}

/** Attachments that carry content but are not a file: the message's own HTML, cards. */
const NOT_FILES = /^(text\/html|application\/vnd\.microsoft\.card\.|application\/vnd\.microsoft\.teams\.card\.)/;

/**
 * The files attached to a message: Teams' file.download.info (personal chats), or a plain
 * attachment with a contentUrl (Bot Framework clients and emulators).
 */
export function teamsFileAttachments(activity: Partial<Activity>): TeamsFile[] {
  const files: TeamsFile[] = [];
  for (const raw of activity.attachments ?? []) {
    const a = ZAttachment.safeParse(raw);
    if (!a.success) continue;
    const name = a.data.name ?? 'contract';
    if (a.data.contentType === TEAMS_FILE_DOWNLOAD_INFO) {
      const info = ZDownloadInfo.safeParse(a.data.content);
      if (info.success) files.push({ name, url: info.data.downloadUrl });
    } else if (a.data.contentUrl && !NOT_FILES.test(a.data.contentType)) {
      files.push({ name, url: a.data.contentUrl });
    }
  }
  return files;
}
