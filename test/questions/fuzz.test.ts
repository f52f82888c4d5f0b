/**
 * The parser never throws and always answers with a well-formed
 * interpretation, whatever it is fed: 10,000 generated inputs (seeded).
 */
import { describe, expect, it } from "vitest";
import { metricIds } from "../../src/metrics/registry.js";
import { parseQuestion } from "../../src/questions/pipeline.js";
import type { Interpretation } from "../../src/questions/types.js";

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pieces = [
  "revenue",
  "churn",
  "by",
  "plan",
  "last",
  "month",
  "vs",
  "year",
  "next",
  "3",
  "forecast",
  "between",
  "and",
  "from",
  "to",
  "since",
  "q3",
  "2025",
  "march",
  "may",
  "each",
  "per",
  "'; drop table customers; --",
  "😀",
  "🔥🔥",
  "مرحبا",
  "שלום",
  "\u0000",
  "\u001b[31m",
  "\u202e",
  "𝓇𝑒𝓋𝑒𝓃𝓊𝑒",
  "ÆØÅ",
  "¿qué?",
  "收入",
  "\t",
  "\n",
  "%s",
  "$" + "{x}",
  "<script>",
  "-1",
  "99999",
];

function input(random: () => number): string {
  const kind = random();
  if (kind < 0.4) {
    const n = 1 + Math.floor(random() * 8);
    return Array.from({ length: n }, () => pieces[Math.floor(random() * pieces.length)]).join(
      random() < 0.5 ? " " : "",
    );
  }
  if (kind < 0.95) {
    const n = Math.floor(random() * 40);
    return Array.from({ length: n }, () =>
      String.fromCodePoint(Math.floor(random() * (random() < 0.8 ? 128 : 0x2ffff))),
    ).join("");
  }
  return "revenue ".repeat(Math.floor(random() * 2000));
}

const intents = new Set(["metric", "list", "explain", "forecast", "help", "unknown"]);
const date = /^\d{4}-\d{2}-\d{2}$/;

function wellFormed(i: Interpretation): boolean {
  if (!intents.has(i.intent)) return false;
  if (i.metric !== null && !metricIds.includes(i.metric)) return false;
  if ((i.from === null) !== (i.to === null)) return false;
  if (i.from !== null && (!date.test(i.from) || !date.test(i.to!) || i.from >= i.to!)) return false;
  if (i.intent === "unknown" && (i.metric !== null || i.suggestions.length > 3)) return false;
  if (i.intent !== "help" && i.intent !== "unknown" && (i.metric === null || i.from === null))
    return false;
  return Array.isArray(i.suggestions);
}

describe("fuzz", () => {
  it("10,000 random inputs give well-formed interpretations", () => {
    const random = seeded(42);
    let bad: string | null = null;
    for (let k = 0; k < 10_000 && bad === null; k++) {
      const text = input(random);
      if (!wellFormed(parseQuestion(text, "2026-11-22"))) bad = text;
    }
    expect(bad).toBeNull();
  }, 300_000);

  it("empty, huge, emoji, right-to-left, SQL, control characters and other languages are unknown", () => {
    for (const text of [
      "",
      " ",
      "x".repeat(10_000),
      "😀😀😀",
      "مرحبا كيف حالك",
      "'; DROP TABLE customers; --",
      "\u0000\u0001\u0002",
      "¿Cuántos clientes perdimos?",
    ]) {
      expect(parseQuestion(text, "2026-11-22").intent).toBe("unknown");
    }
  });
});
