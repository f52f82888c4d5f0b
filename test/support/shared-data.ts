import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/** ../shared/data beside the repository: real public data sets, used by path, never copied. */
export const sharedData = (file: string): string =>
  new URL(`../../../shared/data/${file}`, import.meta.url).pathname;

export const readCsv = (file: string): Record<string, string>[] =>
  parse(readFileSync(sharedData(file)), { columns: true, bom: true, skip_empty_lines: true });
