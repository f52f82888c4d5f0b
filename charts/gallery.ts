/** Writes a PNG per chart into a folder: the README's gallery, and a way to look at every kind. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderChart } from "./index.js";
import type { ChartData } from "./types.js";

export async function writeGallery(
  items: { name: string; data: ChartData }[],
  dir: string,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (const item of items) {
    const chart = await renderChart(item.data);
    const path = join(dir, `${item.name}.png`);
    writeFileSync(path, chart.png);
    paths.push(path);
  }
  return paths;
}
