import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { label } from "../../charts/format.js";
import {
  altText,
  buildSpec,
  compileSpec,
  renderChart,
  renderPng,
  tableText,
} from "../../charts/index.js";
import { samples } from "../../charts/samples.js";

/** Standard deviation of the grey levels: 0 for a blank image. */
async function variance(
  png: Buffer,
  region?: { left: number; top: number; width: number; height: number },
): Promise<number> {
  const image = region ? sharp(png).extract(region) : sharp(png);
  const { channels } = await image.greyscale().stats();
  return channels[0]!.stdev;
}

describe("charts", () => {
  it.each(Object.values(samples).map((d) => [d.kind, d] as const))(
    "a %s chart compiles without vega-lite warnings",
    async (_kind, data) => {
      const { warnings } = await compileSpec(buildSpec(data));
      expect(warnings).toEqual([]);
    },
  );

  it.each(Object.values(samples).map((d) => [d.kind, d] as const))(
    "a %s chart renders to a non-blank PNG at 2x",
    async (_kind, data) => {
      const chart = await renderChart(data);
      const meta = await sharp(chart.png).metadata();
      expect(meta.format).toBe("png");
      expect(meta.width).toBe(chart.width);
      expect(chart.width).toBeGreaterThan(600);
      expect(await variance(chart.png)).toBeGreaterThan(5);
    },
  );

  it("renders the same bytes for the same input", async () => {
    const a = await renderPng(buildSpec(samples.series));
    const b = await renderPng(buildSpec(samples.series));
    expect(a.png.equals(b.png)).toBe(true);
  });

  it("a chart asked for again is not drawn again: the same PNG comes back", async () => {
    const data = { ...samples.breakdown, title: "Revenue by country, asked twice" };
    const [first, meanwhile] = await Promise.all([renderChart(data), renderChart(data)]);
    const later = await renderChart(data);
    // One rendering shared: the very same buffer, not an equal one.
    expect(meanwhile.png).toBe(first.png);
    expect(later.png).toBe(first.png);
  });

  it("every score on a chart has one decimal, so the bars of an NPS breakdown read alike", () => {
    expect([-1, -3.8, 0.45, 42].map((v) => label(v, "score"))).toEqual([
      "-1.0",
      "-3.8",
      "0.5",
      "42.0",
    ]);
  });

  it("the background is opaque white, not transparent", async () => {
    const { png } = await renderPng(buildSpec(samples.value));
    const { data } = await sharp(png)
      .ensureAlpha()
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data]).toEqual([255, 255, 255, 255]);
  });

  it.each([
    ["Latin", "Revenue"],
    ["Cyrillic", "Выручка"],
    ["Armenian", "Եկամուտ"],
    ["Georgian", "შემოსავალი"],
    ["Ethiopic", "ገቢ"],
    ["Arabic/Persian", "درآمد"],
  ])("draws %s labels with real glyphs, not missing-glyph boxes", async (_script, text) => {
    const draw = async (label: string) =>
      (
        await renderPng(
          buildSpec({
            kind: "breakdown",
            title: "x",
            unit: "count",
            dimension: "d",
            groups: [{ key: label, value: 1 }],
          }),
          { scale: 1 },
        )
      ).png;
    const region = { left: 16, top: 50, width: 160, height: 40 };
    const real = await draw(text);
    // U+E000 is a private-use code point no bundled font has: it draws as boxes.
    const missing = await draw("\uE000".repeat([...text].length));
    expect(await variance(real, region)).toBeGreaterThan(5);
    const a = await sharp(real).extract(region).raw().toBuffer();
    const b = await sharp(missing).extract(region).raw().toBuffer();
    expect(a.equals(b)).toBe(false);
  });

  it("alt text states the key numbers", () => {
    expect(altText(samples.value)).toBe(
      "Churn rate, October 2026: 3.6%, against 4.0% in September 2026.",
    );
    expect(altText(samples.breakdown)).toContain("largest FI €20,000");
  });

  it("the table holds the same data as text", () => {
    const table = tableText(samples.series).split("\n");
    expect(table[0]).toMatch(/period\s+value\s+before/);
    expect(table).toHaveLength(14);
  });

  it("negative bars write their labels left of the bar's end, inside the plot", async () => {
    const data = {
      kind: "breakdown" as const,
      title: "Change by plan",
      unit: "money" as const,
      currency: "EUR",
      dimension: "plan",
      groups: [
        { key: "pro", value: 2_000 },
        { key: "basic", value: -3_000 },
      ],
    };
    const spec = JSON.stringify(buildSpec(data));
    expect(spec).toContain('"align":"right","dx":-5');
    expect(spec).toContain('"domain":[-4250,3250]');
    const { png } = await renderPng(buildSpec(data), { scale: 1 });
    expect(await variance(png, { left: 0, top: 40, width: 200, height: 40 })).toBeGreaterThan(5);
  });
  it("a breakdown sums the tail into 'other' for money", async () => {
    const spec = JSON.stringify(buildSpec(samples.breakdown));
    expect(spec).toContain("other (2)");
  });
  it("a period that has not ended is drawn faint and marked 'to date'", async () => {
    const points = [
      { from: "2026-09-01", value: 139_152 },
      { from: "2026-10-01", value: 180_742 },
      { from: "2026-11-01", value: 142_581, toDate: true },
    ];
    for (const style of ["line", "bar"] as const) {
      const data = {
        kind: "series" as const,
        title: "Revenue by month",
        unit: "money" as const,
        currency: "EUR",
        grain: "month" as const,
        style,
        points,
      };
      const spec = JSON.stringify(buildSpec(data));
      expect(spec).toContain('"text":"to date"');
      expect((await compileSpec(buildSpec(data))).warnings).toEqual([]);
      expect(tableText(data)).toContain("to date, not ended yet: 2026-11-01");
    }
  });
});
