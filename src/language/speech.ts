/**
 * An answer worded in the asker's language: the sentence that restates what
 * was computed, the change, the series and the groups, the formula
 * footnote, the chart's title, and the words not used. Numbers and dates
 * are written by Intl in the language's locale (Persian digits when the
 * asker wrote them), and ranges are named in the calendar asked (آبان ۱۴۰۵,
 * ኅዳር 2019).
 */
import type { ChartData } from "../../charts/index.js";
import { footnote } from "../answers/text.js";
import { seriesTrend } from "../answers/trend.js";
import { addDays } from "../metrics/calendar.js";
import type { GroupValue, MetricResult, SeriesPoint } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import type { Filter, Grain } from "../metrics/types.js";
import { type CalendarId, inCalendar, monthsIn } from "./calendars.js";
import { am } from "./messages/am.js";
import { fa } from "./messages/fa.js";
import { fi } from "./messages/fi.js";
import { hy } from "./messages/hy.js";
import { ka } from "./messages/ka.js";
import type { Messages } from "./messages/types.js";
import { writesPersianDigits } from "./normalise.js";
import type { Foreign, Lang } from "./types.js";

export const catalogs: Record<Foreign, Messages> = { fi, fa, hy, ka, am };

/** How a reply speaks: the asker's language, the digits they wrote, the calendar they asked in. */
export interface Speech {
  lang: Lang;
  persianDigits: boolean;
  calendar: CalendarId;
}

export const english: Speech = { lang: "en", persianDigits: false, calendar: "gregorian" };

/** How to answer a message: in its language, its digits, the calendar its dates were named in. */
export function speechOf(message: { language: Lang; calendar: CalendarId }, raw: string): Speech {
  if (message.language === "en") return english;
  return {
    lang: message.language,
    persianDigits: writesPersianDigits(raw),
    calendar: message.calendar,
  };
}

/** The speaker of a reply, or null for English (the answers' own words). */
export const speakerOf = (speech: Speech | undefined, currency: string): Speaker | null =>
  speech && speech.lang !== "en" ? new Speaker({ ...speech, lang: speech.lang }, currency) : null;

const icuCalendar = { gregorian: "gregory", persian: "persian", ethiopian: "ethiopic" } as const;

/** The Intl locale of a reply: its language, calendar and digits. */
function localeOf(speech: Speech, messages: Messages): string {
  const digits = messages.locale === "fa" && !speech.persianDigits ? "-nu-latn" : "";
  return `${messages.locale}-u-ca-${icuCalendar[speech.calendar]}${digits}`;
}

const utc = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** A speaker of one language: numbers, dates and sentences in it. */
export class Speaker {
  readonly messages: Messages;
  private readonly locale: string;
  constructor(
    readonly speech: Speech & { lang: Foreign },
    private readonly currency: string,
  ) {
    this.messages = catalogs[speech.lang];
    this.locale = localeOf(speech, this.messages);
  }

  private dates(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    return new Intl.DateTimeFormat(this.locale, { timeZone: "UTC", ...options });
  }

  number(value: number, decimals = 0): string {
    return new Intl.NumberFormat(this.locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(value);
  }

  /** A value in its unit, as the language writes it: "40 120,50 €", "۳٫۶٪". */
  value(value: number | null | undefined, result: MetricResult): string {
    if (value === null || value === undefined || !Number.isFinite(value))
      return this.messages.noData;
    const decimals = getMetric(result.metric).decimals;
    switch (result.unit) {
      case "money":
        return new Intl.NumberFormat(this.locale, {
          style: "currency",
          currency: this.currency,
        }).format(value);
      case "percent":
        return new Intl.NumberFormat(this.locale, {
          style: "percent",
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(value / 100);
      case "count":
        return this.number(value, Number.isInteger(value) ? 0 : 2);
      case "score":
        return this.number(value, decimals ?? (Math.abs(value) <= 1 ? 2 : 1));
    }
  }

  /** The range [from, to) in words, in the calendar asked: "lokakuu 2026", "آبان ۱۴۰۵", "9.–15.11.2026". */
  range(from: string, to: string): string {
    const { calendar } = this.speech;
    const last = addDays(to, -1);
    const a = inCalendar(from, calendar);
    const b = inCalendar(to, calendar);
    if (a.d === 1 && b.d === 1) {
      const months = (b.y - a.y) * monthsIn(calendar) + (b.m - a.m);
      const monthYear = this.dates({ month: "long", year: "numeric" });
      if (months === 1) return monthYear.format(utc(from));
      if (months === monthsIn(calendar) && a.m === 1)
        return this.dates({ year: "numeric" }).format(utc(from));
      if (months === 3 && calendar === "gregorian" && (a.m - 1) % 3 === 0)
        return this.messages.quarter(
          (a.m - 1) / 3 + 1,
          this.dates({ year: "numeric" }).format(utc(from)),
        );
      if (months > 1) return monthYear.formatRange(utc(from), utc(last));
    }
    const days = this.dates({ day: "numeric", month: "long", year: "numeric" });
    return from === last ? days.format(utc(from)) : days.formatRange(utc(from), utc(last));
  }

  /** A series point's label for its grain. */
  point(from: string, grain: Grain): string {
    if (grain === "year") return this.dates({ year: "numeric" }).format(utc(from));
    if (grain === "month") return this.dates({ month: "short", year: "numeric" }).format(utc(from));
    if (grain === "quarter") {
      const { y, m } = inCalendar(from, "gregorian");
      return this.messages.quarter(Math.floor((m - 1) / 3) + 1, String(y));
    }
    return this.dates({ day: "numeric", month: "short" }).format(utc(from));
  }

  private valueName(filter: Filter, value: string): string {
    if (filter.dimension !== "country") return value;
    return new Intl.DisplayNames([this.messages.locale], { type: "region" }).of(value) ?? value;
  }

  filters(filters: readonly Filter[]): string {
    const m = this.messages;
    return filters
      .map((f) => {
        const label = m.dimensions[f.dimension] ?? f.dimension;
        const values = f.values.map((v) => this.valueName(f, v));
        return f.op === "in"
          ? `${label} ${values.join(` ${m.or} `)}`
          : `${m.excluding} ${label} ${values.join(", ")}`;
      })
      .join(", ");
  }

  label(result: MetricResult): string {
    return this.messages.metrics[result.metric];
  }

  private change(result: MetricResult): string | null {
    if (!result.previous) return null;
    const m = this.messages;
    const before = `${this.range(result.previous.from, result.previous.to)}: ${this.value(result.previous.value, result)}`;
    const { value } = result;
    const previous = result.previous.value;
    if (value === null || previous === null) return `(${before})`;
    const delta = value - previous;
    if (delta === 0) return `${m.unchanged} (${before})`;
    const direction = delta > 0 ? m.up : m.down;
    const size =
      result.unit === "percent"
        ? `${this.number(Math.abs(delta), 1)} pp`
        : result.unit === "score" || previous === 0
          ? this.value(Math.abs(delta), result)
          : this.value(Math.abs((delta / previous) * 100), { ...result, unit: "percent" });
    return `${direction} ${size} (${before})`;
  }

  private series(series: SeriesPoint[], result: MetricResult): string {
    const m = this.messages;
    const grain = result.grain!;
    const at = (p: SeriesPoint) => `${this.value(p.value, result)} (${this.point(p.from, grain)})`;
    // The same trend as the English answer: the least-squares line over the complete periods.
    const trend = seriesTrend(series, grain);
    const partial = trend.partial.map(
      (p) => `${this.point(p.from, grain)} ${m.toDate}: ${this.value(p.value, result)}`,
    );
    const known = trend.complete;
    if (known.length === 0) return partial.join("; ") || m.noData;
    const max = known.reduce((x, y) => (y.value > x.value ? y : x));
    const min = known.reduce((x, y) => (y.value < x.value ? y : x));
    const word = { rising: m.rising, falling: m.falling, flat: m.flat }[trend.word];
    const tail = partial.length ? ` ${partial.join("; ")}.` : "";
    return `${word}: ${at(known[0]!)} → ${at(known[known.length - 1]!)}; ${m.high} ${at(max)}, ${m.low} ${at(min)}.${tail}`;
  }

  private groups(groups: GroupValue[], result: MetricResult): string {
    const m = this.messages;
    const dimension = m.dimensions[result.groupBy!] ?? result.groupBy!;
    const filter = { dimension: result.groupBy!, op: "in" as const, values: [] };
    const shown = groups
      .slice(0, 6)
      .map((g) => `${this.valueName(filter, g.key)} ${this.value(g.value, result)}`);
    const rest = groups.length - shown.length;
    const order = result.rank
      ? `, ${result.rank.order === "desc" ? m.highestFirst : m.lowestFirst}`
      : "";
    return `${capitalise(m.by(dimension))}${order}: ${shown.join(", ")}${rest > 0 ? `; ${m.more(rest)}` : ""}.`;
  }

  /** The answer's text, footnote and range, as answerText gives them in English. */
  answer(result: MetricResult): { text: string; footnote: string; rangeText: string } {
    const m = this.messages;
    const range = `${this.range(result.from, result.to)}${result.toDate ? ` (${m.toDate})` : ""}`;
    const filtered = this.filters(result.filters ?? []);
    const change = this.change(result);
    const lines = [
      `${capitalise(this.label(result))}${filtered ? `, ${filtered}` : ""}, ${range}: ${this.value(result.value, result)}${change ? ` — ${change}` : ""}.`,
    ];
    if (result.series) lines.push(this.series(result.series, result));
    if (result.groups) lines.push(this.groups(result.groups, result));
    return { text: lines.join("\n"), footnote: this.footnote(result), rangeText: range };
  }

  /** The formula and its numbers: the metric named in the language, the numbers in its digits. */
  footnote(result: MetricResult): string {
    const numbers = footnote(result, this.currency).split(": ").slice(1).join(": ");
    // The numbers as the language groups and marks decimals (written "1,234.50" by the English footnote).
    const local = numbers.replace(/\d[\d,]*(?:\.\d+)?/g, (n) =>
      this.number(Number(n.replace(/,/g, "")), n.includes(".") ? n.split(".")[1]!.length : 0),
    );
    return `${this.messages.formula} (${this.label(result)}): ${local}`;
  }

  /** The first line of a reply that left words out, or null. */
  unused(words: readonly string[]): string | null {
    return words.length === 0 ? null : this.messages.notUsed(words.map((w) => `«${w}»`).join(", "));
  }

  /** The chart of an answer, titled in the language. */
  chart(data: ChartData, result: MetricResult): ChartData {
    const range = `${this.range(result.from, result.to)}${result.toDate ? ` (${this.messages.toDate})` : ""}`;
    const label = capitalise(this.label(result));
    const footnoteText = this.footnote(result);
    if (data.kind === "breakdown") {
      const dimension = this.messages.dimensions[result.groupBy!] ?? data.dimension;
      return {
        ...data,
        title: `${label} — ${this.messages.by(dimension)}, ${range}`,
        dimension,
        footnote: footnoteText,
      };
    }
    if (data.kind === "series")
      return {
        ...data,
        title: `${label} — ${this.messages.grains[data.grain]}, ${range}`,
        footnote: footnoteText,
      };
    if (data.kind === "value")
      return {
        ...data,
        title: `${label}, ${range}`,
        footnote: footnoteText,
        ...(result.previous
          ? { previousLabel: this.range(result.previous.from, result.previous.to) }
          : {}),
      };
    return { ...data, footnote: footnoteText };
  }
}

/** Upper case for the first letter where the script has one; Georgian's Mtavruli is no capital. */
const capitalise = (text: string): string =>
  /^[\p{Script=Latin}\p{Script=Armenian}]/u.test(text)
    ? text.charAt(0).toUpperCase() + text.slice(1)
    : text;
