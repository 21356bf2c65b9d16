export interface DownloadOptions {
  fileName: string;
  maxBytes: number;
  /** e.g. Slack's bot token; never for URLs whose host a message chose freely. */
  headers?: Record<string, string>;
  /** Where it is downloaded from, for the error message ("Slack"). */
  source?: string;
  timeoutMs?: number;
}

/**
 * Downloads an uploaded file, refusing it (an AppError) as soon as it passes `maxBytes`, and
 * failing with an AppError the user can act on when the host does not serve it.
 */
export type DownloadFile = (url: string, options: DownloadOptions) => Promise<Uint8Array>;
