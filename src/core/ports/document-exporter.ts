/** What a rendered contract version needs to become a file someone can open in Word. */
export interface DocumentExportInput {
  /** The contract reference, printed in the header and footer of every page. */
  ref: string;
  title: string;
  /** The version text: paragraphs separated by blank lines, numbered section headings ("3. Term"). */
  text: string;
  version: number;
}

/** Turns contract text into a document file to attach to a chat message. */
export interface DocumentExporter {
  /** The .docx file's bytes. */
  exportDocx(input: DocumentExportInput): Promise<Buffer>;
}
