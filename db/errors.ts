/**
 * The database cannot be reached, with what to do about it. db/ is below the
 * core, so this is not a PulseError; adapters print its message as it is.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}
