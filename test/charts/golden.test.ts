/**
 * Golden images: each sample chart must look like the stored PNG, within a
 * small tolerance, so a change to the theme or renderer that moves pixels is
 * seen. Regenerate after an intended change with UPDATE_GOLDEN=1.
 */
import { readFileSync, writeFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { buildSpec, renderPng } from "../../charts/index.js";
import { samples } from "../../charts/samples.js";

const golden = (kind: string) => new URL(`./golden/${kind}.png`, import.meta.url).pathname;

/** Mean absolute difference of the grey levels, 0..255. */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const [x, y] = await Promise.all(
    [a, b].map((png) => sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true })),
  );
  if (x!.info.width !== y!.info.width || x!.info.height !== y!.info.height) return 255;
  let sum = 0;
  for (let i = 0; i < x!.data.length; i++) sum += Math.abs(x!.data[i]! - y!.data[i]!);
  return sum / x!.data.length;
}

describe("golden images", () => {
  it.each(Object.keys(samples))("the %s chart matches its golden image", async (kind) => {
    const { png } = await renderPng(buildSpec(samples[kind as keyof typeof samples]), { scale: 1 });
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden(kind), png);
    expect(await difference(png, readFileSync(golden(kind)))).toBeLessThan(1.5);
  });
});
