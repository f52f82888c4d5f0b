/**
 * What a CSV export is written in, found before the first row is read: its
 * encoding (a byte-order mark, else UTF-8 when every byte is valid UTF-8,
 * else Windows-1252) and its delimiter (the one the header line uses most).
 * Binary files and text in some other code page are refused with the line
 * where they show, so nothing is imported as "J�rgen" without a word.
 */
import { type FileHandle, open } from "node:fs/promises";
import iconv from "iconv-lite";
import { ConfigError } from "../errors.js";
import { ImportUnreadableError } from "./errors.js";

export interface FileFormat {
  /** An iconv-lite encoding name; "utf-8" is read natively by the parser. */
  encoding: string;
  delimiter: string;
  /** Why this encoding: it was given, a byte-order mark, or the bytes themselves. */
  encodingSource: "given" | "bom" | "content";
}

/** The bytes read to find a BOM, binary data and the header line. */
const SAMPLE_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

const delimiterNames: Record<string, string> = {
  comma: ",",
  semicolon: ";",
  tab: "\t",
  "\\t": "\t",
  pipe: "|",
};
/** Delimiters tried on the header line, in order of preference on a tie. */
const sniffed = [",", ";", "\t"] as const;

/** Bytes 0x80-0x9F that Windows-1252 leaves undefined: text with them is in another code page. */
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/**
 * Western European words put at most two or three accented letters side by
 * side ("ções", "Müß"); a longer run of bytes above 0x7F is a word of Cyrillic,
 * Greek or another script in a single-byte code page that is not Windows-1252.
 */
const MAX_HIGH_RUN = 3;

export const readableName = (encoding: string): string =>
  ({ "utf-8": "UTF-8", "utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE" })[encoding] ??
  (encoding === "windows-1252" ? "Windows-1252 (Latin-1)" : encoding);

/** The delimiter a --delimiter value names: one character, or comma, semicolon, tab, pipe. */
export function delimiterOf(value: string): string {
  const named = delimiterNames[value.toLowerCase()] ?? value;
  if (named.length !== 1 || /["\r\n]/.test(named))
    throw new ConfigError(
      `--delimiter takes one character, or comma, semicolon, tab or pipe; got "${value}"`,
    );
  return named;
}

export const isKnownEncoding = (name: string): boolean =>
  iconv.encodingExists(name.trim().toLowerCase());

/** The canonical name of a --encoding value, refused when iconv-lite does not know it. */
export function encodingOf(value: string): string {
  const name = value.trim().toLowerCase();
  if (!isKnownEncoding(name))
    throw new ConfigError(
      `unknown --encoding "${value}": use utf-8, utf-16le, utf-16be, windows-1252, latin1 or another code page such as cp1251`,
    );
  return name === "utf8" ? "utf-8" : name;
}

/** Finds the file's encoding and delimiter (each unless given); throws ImportUnreadableError for binary or undecidable text. */
export async function detectFormat(
  path: string,
  file: string,
  given: { encoding?: string; delimiter?: string },
): Promise<FileFormat> {
  const handle = await open(path, "r");
  try {
    const sample = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, SAMPLE_BYTES, 0);
    const head = sample.subarray(0, bytesRead);
    const { encoding, encodingSource } = given.encoding
      ? givenEncoding(given.encoding, head, file)
      : await detectEncoding(handle, head, file);
    const delimiter = given.delimiter
      ? delimiterOf(given.delimiter)
      : sniffDelimiter(iconv.decode(head, encoding));
    return { encoding, delimiter, encodingSource };
  } finally {
    await handle.close();
  }
}

function givenEncoding(
  value: string,
  head: Buffer,
  file: string,
): { encoding: string; encodingSource: "given" } {
  const encoding = encodingOf(value);
  // NUL bytes are text only in UTF-16 (and UTF-32); in any other encoding they are binary data.
  if (!/^utf-?(16|32)/.test(encoding)) refuseBinary(head, file);
  return { encoding, encodingSource: "given" };
}

async function detectEncoding(
  handle: FileHandle,
  head: Buffer,
  file: string,
): Promise<{ encoding: string; encodingSource: "bom" | "content" }> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: "utf-8", encodingSource: "bom" };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", encodingSource: "bom" };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", encodingSource: "bom" };
  refuseBinary(head, file);
  const scan = await scanUtf8(handle);
  if (scan.nulLine !== null)
    throw new ImportUnreadableError(file, scan.nulLine, binaryProblem(head));
  if (scan.utf8) return { encoding: "utf-8", encodingSource: "content" };
  const strange = await firstLineNot1252(handle);
  if (strange !== null)
    throw new ImportUnreadableError(
      file,
      strange,
      "the file is not UTF-8 and does not read as Windows-1252 (Latin-1) either: give its encoding with --encoding, for example --encoding cp1251",
    );
  return { encoding: "windows-1252", encodingSource: "content" };
}

const isZip = (head: Buffer) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03;

function binaryProblem(head: Buffer): string {
  if (isZip(head))
    return "this is a ZIP archive (an Excel .xlsx workbook?), not CSV text: save the sheet as CSV first";
  return "this is binary data, not CSV text: export or save the data as CSV first";
}

/** NUL bytes, or more than one control character in a hundred, are not text (UTF-16 text has a BOM or is named with --encoding). */
function refuseBinary(head: Buffer, file: string): void {
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) {
      const oddNuls = head.filter((b, i) => b === 0 && i % 2 === 1).length;
      if (oddNuls > head.length / 4)
        throw new ImportUnreadableError(
          file,
          1,
          "this looks like UTF-16 text without a byte-order mark: give --encoding utf-16le (or utf-16be)",
        );
      throw new ImportUnreadableError(file, 1, binaryProblem(head));
    }
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) controls++;
  }
  if (isZip(head) || controls > head.length / 100)
    throw new ImportUnreadableError(file, 1, binaryProblem(head));
}

/** One pass over the whole file: is every byte valid UTF-8, and the line of a NUL byte (binary data) if any. */
async function scanUtf8(handle: FileHandle): Promise<{ utf8: boolean; nulLine: number | null }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let line = 1;
  const chunk = Buffer.alloc(CHUNK_BYTES);
  for (let position = 0; ; ) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const bytes = chunk.subarray(0, bytesRead);
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { utf8: false, nulLine: line + countNewlines(bytes.subarray(0, nul)) };
    line += countNewlines(bytes);
    if (utf8) utf8 = decodes(() => decoder.decode(bytes, { stream: true }));
  }
  return { utf8: utf8 && decodes(() => decoder.decode()), nulLine: null };
}

const decodes = (decode: () => string): boolean => {
  try {
    decode();
    return true;
  } catch {
    return false;
  }
};

/** The line of the first byte Windows-1252 cannot explain, or null when it reads the whole file. */
async function firstLineNot1252(handle: FileHandle): Promise<number | null> {
  let line = 1;
  let highRun = 0;
  const chunk = Buffer.alloc(CHUNK_BYTES);
  for (let position = 0; ; ) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return null;
    position += bytesRead;
    for (const byte of chunk.subarray(0, bytesRead)) {
      if (byte === 0x0a) line++;
      highRun = byte >= 0x80 ? highRun + 1 : 0;
      if (undefinedIn1252.has(byte) || highRun > MAX_HIGH_RUN) return line;
    }
  }
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) n++;
  return n;
}

/** The delimiter the header line uses most, outside quotes; a comma when it uses none. */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(sniffed.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = ",";
  for (const d of sniffed) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}
