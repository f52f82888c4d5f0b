/**
 * Chart rendering (issue #4): render time per kind, cold (the first chart of
 * a fresh process) and warm, at 2x; then the same vega-lite spec rendered the
 * way screenshot-based tools do it, by headless Chromium, with the ratio and
 * the peak memory of both. Chromium is Debian's package, installed here if missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSpec, type ChartData, renderPng } from "../charts/index.js";
import { samples } from "../charts/samples.js";
import { heading, ms, percentile, row } from "./stats.js";

/** The reference chart: a plain 12-point line (the sample series without its comparison line). */
const line: ChartData = {
  ...samples.series,
  style: "line",
  points: samples.series.points.map(({ from, value }) => ({ from, value })),
};
const kinds: ChartData[] = [line, ...Object.values(samples).filter((d) => d.kind !== "series")];

/** The first chart of a fresh Node process: module loading, font setup and all. */
function coldRender(): number {
  const here = dirname(fileURLToPath(import.meta.url));
  const script = `const t=performance.now();const c=await import(${JSON.stringify(join(here, "..", "charts", "index.js"))});await c.renderPng(c.buildSpec(${JSON.stringify(line)}));console.log(performance.now()-t);`;
  return Number(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    }).trim(),
  );
}

function chromium(): string | null {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    execFileSync(
      "sh",
      [
        "-c",
        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium",
      ],
      { stdio: "ignore" },
    );
  } catch {
    return null;
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}

/** One screenshot by a fresh headless Chromium, as screenshot-based tools take them; returns ms and peak KB. */
function chromiumScreenshot(
  binary: string,
  spec: unknown,
  dir: string,
): { ms: number; peakKb: number } {
  const require = createRequire(import.meta.url);
  const vega = readFileSync(join(dirname(require.resolve("vega")), "vega.min.js"), "utf8");
  const vegaLite = readFileSync(
    join(dirname(require.resolve("vega-lite")), "vega-lite.min.js"),
    "utf8",
  );
  const html = join(dir, "chart.html");
  writeFileSync(
    html,
    `<!doctype html><html><body style="margin:0;background:#fff"><div id="c"></div><script>${vega}</script><script>${vegaLite}</script><script>
      const view = new vega.View(vega.parse(vegaLite.compile(${JSON.stringify(spec)}).spec), { renderer: "canvas" });
      view.initialize(document.getElementById("c")).runAsync();
    </script></body></html>`,
  );
  const args = [
    "-f",
    "%M",
    binary,
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    `--user-data-dir=${join(dir, "profile")}`,
    `--screenshot=${join(dir, "shot.png")}`,
    "--window-size=700,420",
    "--force-device-scale-factor=2",
    `file://${html}`,
  ];
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", args, { encoding: "utf8" });
  const elapsed = performance.now() - started;
  const lines = (result.stderr ?? "").trim().split("\n");
  return { ms: elapsed, peakKb: Number(lines[lines.length - 1]) || Number.NaN };
}

export async function benchCharts(): Promise<void> {
  heading("Chart rendering at 2x (in process: vega-lite -> SVG -> sharp)");
  const cold = [coldRender(), coldRender(), coldRender()];
  row(`cold (first chart of a fresh process, 12-point line): p50 ${ms(percentile(cold, 50))}`);
  for (const data of kinds) {
    const spec = buildSpec(data);
    await renderPng(spec);
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await renderPng(spec);
      samples.push(performance.now() - t);
    }
    row(
      `warm ${data.kind.padEnd(9)} p50 ${ms(percentile(samples, 50)).padStart(9)}  p95 ${ms(percentile(samples, 95)).padStart(9)}`,
    );
  }
  const lineSamples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await renderPng(buildSpec(line));
    lineSamples.push(performance.now() - t);
  }
  const ours = percentile(lineSamples, 50);
  row(
    `12-point line, warm p50 ${ms(ours)} (target < 40 ms: ${ours < 40 ? "met" : "MISSED"}); peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );

  heading("Same spec by headless Chromium screenshot (Debian chromium)");
  const binary = chromium();
  if (!binary) {
    row("chromium could not be installed here: comparison skipped");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "pulse-chromium-"));
  try {
    chromiumScreenshot(binary, buildSpec(line), dir);
    const shots = Array.from({ length: 5 }, () => chromiumScreenshot(binary, buildSpec(line), dir));
    const theirs = percentile(
      shots.map((s) => s.ms),
      50,
    );
    const peak = Math.max(...shots.map((s) => s.peakKb)) / 1024;
    row(
      `chromium screenshot p50 ${ms(theirs)}, peak RSS of the largest chromium process ${peak.toFixed(0)} MB`,
    );
    row(
      `in-process rendering is ${(theirs / ours).toFixed(1)}x faster (target >= 10x: ${theirs / ours >= 10 ? "met" : "MISSED"})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCharts();
