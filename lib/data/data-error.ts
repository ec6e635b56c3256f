/** Unreadable data: one line naming the file, the line and the fix (CLI exit code 2). */
export class DataError extends Error {
  override name = "DataError";
  readonly file: string;
  readonly line: number | undefined;

  constructor(params: { file: string; message: string; line?: number }) {
    const where = params.line === undefined ? params.file : `${params.file}: line ${params.line}`;
    super(`${where}: ${params.message}`);
    this.file = params.file;
    this.line = params.line;
  }
}
