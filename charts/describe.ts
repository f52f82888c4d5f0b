/** Charts in words: alt text for screen readers and platforms, and the same data as a text table. */

import { exactLabel, label } from "./format.js";
import { breakdownRows } from "./specs/breakdown.js";
import { driverRows, signedLabel } from "./specs/drivers.js";
import type { ChartData } from "./types.js";

const extremes = <T extends { value: number | null }>(points: T[]) => {
  const known = points.filter((p): p is T & { value: number } => p.value !== null);
  if (known.length === 0) return null;
  return {
    first: known[0]!,
    last: known[known.length - 1]!,
    max: known.reduce((a, b) => (b.value > a.value ? b : a)),
    min: known.reduce((a, b) => (b.value < a.value ? b : a)),
  };
};

/** One sentence: what the chart shows and its key numbers. */
export function altText(data: ChartData): string {
  const v = (n: number | null | undefined) => label(n, data.unit, data.currency);
  switch (data.kind) {
    case "value":
      return `${data.title}: ${v(data.value)}${data.previous !== undefined ? `, against ${v(data.previous)}${data.previousLabel ? ` in ${data.previousLabel}` : ""}` : ""}.`;
    case "series": {
      const e = extremes(data.points);
      if (!e) return `${data.title}: no data.`;
      const at = (p: { from: string; toDate?: boolean }) =>
        `${p.from}${p.toDate ? ", to date" : ""}`;
      return `${data.title}: ${data.points.length} points from ${v(e.first.value)} (${at(e.first)}) to ${v(e.last.value)} (${at(e.last)}); highest ${v(e.max.value)} (${at(e.max)}), lowest ${v(e.min.value)} (${at(e.min)}).`;
    }
    case "breakdown": {
      const rows = breakdownRows(data);
      const top = rows.slice(0, 3).map((r) => `${r.key} ${r.text}`);
      return `${data.title}: ${data.groups.length} ${data.dimension} values; largest ${top.join(", ")}.`;
    }
    case "forecast": {
      const last = data.forecast[data.forecast.length - 1];
      return last
        ? `${data.title}: forecast ${v(last.value)} for ${last.from} (80% interval ${v(last.lo80)} to ${v(last.hi80)}, 95% ${v(last.lo95)} to ${v(last.hi95)}) after ${data.history.length} periods of history.`
        : `${data.title}: no forecast.`;
    }
    case "funnel":
      return `${data.title}: ${data.stages.map((s) => `${s.stage} ${s.count.toLocaleString("en-US")}`).join(", ")}.`;
    case "survey": {
      const total = data.counts.reduce((a, c) => a + c.count, 0);
      return `${data.title}: ${total.toLocaleString("en-US")} ${data.survey.toUpperCase()} responses; ${data.counts.map((c) => `${c.score}: ${c.count}`).join(", ")}.`;
    }
    case "drivers": {
      const top = driverRows(data).slice(0, 3);
      const change = data.change
        ? ` from ${v(data.change.previous)} to ${v(data.change.value)}`
        : "";
      return `${data.title}${change}; largest parts: ${top.map((d) => `${d.key} ${d.text}`).join(", ") || "none"}.`;
    }
    case "multiples":
      return `${data.title}: ${data.panels.map((p) => `${p.title} ${label(p.value, p.unit, p.currency)}`).join("; ")}.`;
    case "cohort":
      return `${data.title}: retention of ${data.cohorts.length} signup cohorts, from ${data.cohorts[0]?.cohort ?? "-"} to ${data.cohorts[data.cohorts.length - 1]?.cohort ?? "-"}.`;
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The chart's data as a plain-text table. */
export function tableText(data: ChartData): string {
  const v = (n: number | null | undefined) => exactLabel(n, data.unit, data.currency);
  switch (data.kind) {
    case "value":
      return table(
        ["", "value"],
        [
          ["now", v(data.value)],
          ...(data.previous !== undefined
            ? [[data.previousLabel ?? "before", v(data.previous)]]
            : []),
        ],
      );
    case "series": {
      const compared = data.points.some((p) => p.previous !== undefined);
      const rows = table(
        compared ? ["period", "value", "before"] : ["period", "value"],
        data.points.map((p) =>
          compared ? [p.from, v(p.value), v(p.previous)] : [p.from, v(p.value)],
        ),
      );
      // Said under the table, so the period column keeps its width.
      const toDate = data.points.filter((p) => p.toDate).map((p) => p.from);
      return toDate.length ? `${rows}\nto date, not ended yet: ${toDate.join(", ")}` : rows;
    }
    case "breakdown":
      return table(
        [data.dimension, "value"],
        [...data.groups].map((g) => [g.key, v(g.value)]),
      );
    case "forecast":
      return table(
        ["period", "value", "80% low", "80% high", "95% low", "95% high"],
        [
          ...data.history.map((h) => [h.from, v(h.value), "", "", "", ""]),
          ...data.forecast.map((f) => [
            `${f.from} (forecast)`,
            v(f.value),
            v(f.lo80),
            v(f.hi80),
            v(f.lo95),
            v(f.hi95),
          ]),
        ],
      );
    case "funnel":
      return table(
        ["stage", "deals"],
        data.stages.map((s) => [s.stage, s.count.toLocaleString("en-US")]),
      );
    case "survey":
      return table(
        ["score", "responses"],
        data.counts.map((c) => [String(c.score), c.count.toLocaleString("en-US")]),
      );
    case "drivers":
      return table(
        ["part", "change"],
        [...data.drivers]
          .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
          .map((d) => [d.label, signedLabel(d.delta, data)]),
      );
    case "multiples":
      return table(
        ["metric", "value"],
        data.panels.map((p) => [p.title, exactLabel(p.value, p.unit, p.currency)]),
      );
    case "cohort":
      return table(
        ["cohort", "size", ...(data.cohorts[0]?.retention ?? []).map((_, k) => `m${k}`)],
        data.cohorts.map((c) => [
          c.cohort,
          String(c.size),
          ...c.retention.map((r) => (r === null ? "" : `${Math.round(r)}%`)),
        ]),
      );
  }
}
