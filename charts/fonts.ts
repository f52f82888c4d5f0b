/**
 * Charts must look the same on a bare server, in Docker and here: librsvg
 * (inside sharp) finds fonts through fontconfig, so we write a fonts.conf that
 * lists only the Noto fonts shipped as npm packages and point FONTCONFIG_FILE
 * at it before sharp loads. Noto Sans covers Latin and Cyrillic; the others
 * cover Arabic/Persian, Armenian, Georgian and Ethiopic.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const families = [
  "noto-sans",
  "noto-sans-arabic",
  "noto-sans-armenian",
  "noto-sans-georgian",
  "noto-sans-ethiopic",
];
const weights = ["400Regular", "700Bold"];

/** The folders holding the bundled font files. */
export function fontDirectories(): string[] {
  const require = createRequire(import.meta.url);
  return families.flatMap((family) => {
    const root = dirname(require.resolve(`@expo-google-fonts/${family}/package.json`));
    return weights.map((w) => join(root, w));
  });
}

let configured = false;

/** Writes the fontconfig file once per process and sets FONTCONFIG_FILE; must run before sharp is imported. */
export function configureFonts(): void {
  if (configured) return;
  const dir = join(tmpdir(), `pulse-fonts-${process.getuid?.() ?? "user"}`);
  mkdirSync(join(dir, "cache"), { recursive: true });
  const file = join(dir, "fonts.conf");
  const dirs = fontDirectories()
    .map((d) => `  <dir>${d}</dir>`)
    .join("\n");
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs}\n  <cachedir>${join(dir, "cache")}</cachedir>\n</fontconfig>\n`,
  );
  // fontconfig reads its configuration from the environment; there is no API to pass it.
  process.env.FONTCONFIG_FILE = file;
  configured = true;
}
