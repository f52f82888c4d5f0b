/**
 * What a campaign taught: how many were asked and answered, the score and its
 * change from the campaign of the same kind before it, the split by plan,
 * channel and language, and the complaint themes of its negative comments,
 * each with an example. An answer to a campaign's reminder counts for the
 * campaign.
 *
 * A campaign is named by its id (or the id's first characters), or in words
 * by its kind and month ("November NPS", "nps 2026-11"): every campaign of
 * that kind queued that month, together.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { monthNames } from "../metrics/calendar.js";
import { languageName } from "../sentiment/languages.js";
import { type Theme, themesOf } from "../themes/themes.js";
import { localDate } from "../workspace/workspace.js";
import { isDetractor, isSurveyKind, type SurveyKind } from "./kinds.js";
import { localeOf } from "./texts.js";

const months = monthNames.map((m) => m.toLowerCase());

export interface CampaignGroup {
  key: string;
  sent: number;
  answered: number;
  score: number | null;
}

export interface CampaignReport {
  kind: SurveyKind;
  /** "NPS campaign 1a2b3c4d of 3 Nov 2026" or "NPS campaigns of November 2026 (2)". */
  name: string;
  campaignIds: string[];
  queued: number;
  sent: number;
  answered: number;
  /** Unsent: expired before they could go, or still waiting. */
  expired: number;
  waiting: number;
  score: number | null;
  /** The score's parts: NPS promoters/passives/detractors; CSAT satisfied of answered. */
  parts: string;
  previous: { name: string; score: number | null } | null;
  splits: { dimension: "plan" | "channel" | "language"; groups: CampaignGroup[] }[];
  /** Negative comments read for the themes. */
  negative: number;
  themes: Theme[];
}

/** What a campaign is called in a report or question, read; null when it names none. */
export type CampaignName =
  | { by: "id"; prefix: string }
  | { by: "month"; kind: SurveyKind; month: string | null; monthIndex: number | null };

export function parseCampaignName(text: string): CampaignName | null {
  const words = text
    .toLowerCase()
    .replace(/[?!.,]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  const id = words.find((w) => /^[0-9a-f]{4,}(-[0-9a-f-]*)?$/.test(w) && /\d/.test(w));
  if (id && words.length === 1) return { by: "id", prefix: id };
  const kind = words.find(isSurveyKind);
  if (!kind) return id ? { by: "id", prefix: id } : null;
  const iso = words.find((w) => /^\d{4}-\d{2}$/.test(w)) ?? null;
  const monthIndex = months.findIndex((m) => words.some((w) => w === m || w === m.slice(0, 3)));
  return { by: "month", kind, month: iso, monthIndex: monthIndex < 0 ? null : monthIndex };
}

type Campaign = { id: string; kind: SurveyKind; startedAt: Date };

async function campaignsOf(db: Queryable, workspaceId: string): Promise<Campaign[]> {
  const rows = await db.rows<{ origin: string; kind: SurveyKind; started: Date | string }>(
    sql`select origin, min(kind) as kind, min(created_at) as started from survey_prompts
      where workspace_id = ${workspaceId} and origin like 'campaign:%'
      group by origin order by started`,
  );
  return rows.map((r) => ({
    id: r.origin.slice("campaign:".length),
    kind: r.kind,
    startedAt: new Date(r.started),
  }));
}

const dayText = (at: Date, timezone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(at);

const monthText = (month: string) =>
  new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** The campaigns a name picks, and what to call them; or why none. */
export async function findCampaigns(
  db: Queryable,
  p: { workspaceId: string; name: CampaignName; now: Date; timezone: string },
): Promise<{ campaigns: Campaign[]; name: string } | { error: string }> {
  const all = await campaignsOf(db, p.workspaceId);
  const name = p.name;
  if (name.by === "id") {
    const found = all.filter((c) => c.id.startsWith(name.prefix));
    if (found.length === 0) return { error: `No campaign ${name.prefix} in this workspace.` };
    if (found.length > 1)
      return { error: `${found.length} campaigns start with ${name.prefix}: give more of the id.` };
    const c = found[0]!;
    return {
      campaigns: [c],
      name: `${c.kind.toUpperCase()} campaign ${c.id.slice(0, 8)} of ${dayText(c.startedAt, p.timezone)}`,
    };
  }
  const ofKind = all.filter((c) => c.kind === name.kind);
  const monthOf = (c: Campaign) => localDate(c.startedAt, p.timezone).slice(0, 7);
  let month = name.month;
  if (!month && name.monthIndex !== null) {
    // The latest such month that is not in the future.
    const today = localDate(p.now, p.timezone);
    const year = Number(today.slice(0, 4));
    const mm = String(name.monthIndex + 1).padStart(2, "0");
    month = `${year}-${mm}` <= today.slice(0, 7) ? `${year}-${mm}` : `${year - 1}-${mm}`;
  }
  if (!month) {
    const last = ofKind.at(-1);
    if (!last) return { error: `No ${name.kind.toUpperCase()} campaign yet.` };
    month = monthOf(last);
  }
  const found = ofKind.filter((c) => monthOf(c) === month);
  const label = `${name.kind.toUpperCase()} campaign`;
  if (found.length === 0)
    return {
      error: `No ${label} was queued in ${monthText(month)}${ofKind.length > 0 ? `; the last was on ${dayText(ofKind.at(-1)!.startedAt, p.timezone)}` : ""}.`,
    };
  return {
    campaigns: found,
    name:
      found.length === 1
        ? `${label} ${found[0]!.id.slice(0, 8)} of ${dayText(found[0]!.startedAt, p.timezone)}`
        : `${found.length} ${label}s of ${monthText(month)}`,
  };
}

type Row = {
  status: string;
  sent: boolean;
  expired: boolean;
  channel: string;
  plan: string | null;
  locale: string | null;
  score: number | null;
  comment: string | null;
  sentiment: number | null;
};

/** NPS: % promoters - % detractors; CSAT: % satisfied (4-5); CES: the mean. */
export function scoreOf(kind: SurveyKind, scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const share = (f: (s: number) => boolean) => (100 * scores.filter(f).length) / scores.length;
  if (kind === "nps") return share((s) => s >= 9) - share((s) => isDetractor("nps", s));
  if (kind === "csat") return share((s) => s >= 4);
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

async function rowsOf(db: Queryable, workspaceId: string, ids: string[]): Promise<Row[]> {
  const origins = sql.join(
    ids.map((id) => sql`${`campaign:${id}`}`),
    sql`, `,
  );
  return db.rows<Row>(sql`select p.status, p.sent_at is not null as sent,
      (p.status = 'cancelled' and p.error like 'expired%') as expired,
      p.channel, c.plan, c.locale,
      coalesce(r.score, rr.score) as score, coalesce(r.comment, rr.comment) as comment,
      coalesce(r.sentiment, rr.sentiment) as sentiment
    from survey_prompts p
    join customers c on c.workspace_id = p.workspace_id and c.id = p.customer_id
    left join survey_responses r on r.workspace_id = p.workspace_id and r.id = 'prompt-' || p.id
    left join survey_prompts rem on rem.workspace_id = p.workspace_id and rem.origin = 'reminder:' || p.id
    left join survey_responses rr on rr.workspace_id = p.workspace_id and rr.id = 'prompt-' || rem.id
    where p.workspace_id = ${workspaceId} and p.origin in (${origins})`);
}

const answeredOf = (rows: Row[]) => rows.filter((r) => r.score !== null);

function groupsBy(kind: SurveyKind, rows: Row[], key: (r: Row) => string): CampaignGroup[] {
  const byKey = new Map<string, Row[]>();
  for (const r of rows) byKey.set(key(r), [...(byKey.get(key(r)) ?? []), r]);
  return [...byKey.entries()]
    .map(([k, rs]) => ({
      key: k,
      sent: rs.filter((r) => r.sent).length,
      answered: answeredOf(rs).length,
      score: scoreOf(
        kind,
        answeredOf(rs).map((r) => Number(r.score)),
      ),
    }))
    .sort((a, b) => b.sent - a.sent || a.key.localeCompare(b.key));
}

export async function campaignReport(
  db: Queryable,
  p: { workspaceId: string; name: CampaignName; now: Date; timezone: string },
): Promise<CampaignReport | { error: string }> {
  const found = await findCampaigns(db, p);
  if ("error" in found) return found;
  const kind = found.campaigns[0]!.kind;
  const ids = found.campaigns.map((c) => c.id);
  const rows = await rowsOf(db, p.workspaceId, ids);
  const answered = answeredOf(rows);
  const scores = answered.map((r) => Number(r.score));
  const first = found.campaigns[0]!.startedAt;
  const before = (await campaignsOf(db, p.workspaceId))
    .filter((c) => c.kind === kind && c.startedAt < first)
    .at(-1);
  const previous = before
    ? {
        name: `the campaign of ${dayText(before.startedAt, p.timezone)}`,
        score: scoreOf(
          kind,
          answeredOf(await rowsOf(db, p.workspaceId, [before.id])).map((r) => Number(r.score)),
        ),
      }
    : null;
  const negative = answered
    .filter((r) => r.comment && r.sentiment !== null && Number(r.sentiment) < 0)
    .map((r) => ({ text: r.comment!, sentiment: Number(r.sentiment) }))
    .sort((a, b) => a.sentiment - b.sentiment || a.text.localeCompare(b.text));
  const count = (f: (s: number) => boolean, noun: string) => {
    const n = scores.filter(f).length;
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
  };
  const parts =
    kind === "nps"
      ? `${count((s) => s >= 9, "promoter")}, ${count((s) => s === 7 || s === 8, "passive")}, ${count((s) => isDetractor("nps", s), "detractor")}`
      : kind === "csat"
        ? `${scores.filter((s) => s >= 4).length} of ${scores.length} satisfied (4-5)`
        : `mean of ${scores.length} answers, 1 very difficult to 7 very easy`;
  return {
    kind,
    name: found.name,
    campaignIds: ids,
    queued: rows.length,
    sent: rows.filter((r) => r.sent).length,
    answered: answered.length,
    expired: rows.filter((r) => r.expired).length,
    waiting: rows.filter((r) => r.status === "pending" || r.status === "sending").length,
    score: scoreOf(kind, scores),
    parts,
    previous,
    splits: [
      { dimension: "plan", groups: groupsBy(kind, rows, (r) => r.plan ?? "no plan") },
      { dimension: "channel", groups: groupsBy(kind, rows, (r) => r.channel) },
      { dimension: "language", groups: groupsBy(kind, rows, (r) => localeOf(r.locale)) },
    ],
    negative: negative.length,
    themes: themesOf(negative, 3).themes,
  };
}

const pct = (part: number, whole: number) =>
  whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;

/** A score as the metric prints it: NPS as a signed whole number, CSAT in percent, CES to one decimal. */
function scoreText(kind: SurveyKind, score: number | null): string {
  if (score === null) return "no answers";
  if (kind === "nps") {
    const whole = Math.round(score) || 0;
    return `${whole > 0 ? "+" : ""}${whole}`;
  }
  if (kind === "csat") return `${score.toFixed(1)}%`;
  return score.toFixed(2);
}

/** The report in words, as the CLI prints it and chats post it. */
export function campaignReportText(r: CampaignReport): string {
  const label = r.kind.toUpperCase();
  const unsent = [
    r.expired > 0 ? `${r.expired} expired unsent` : null,
    r.waiting > 0 ? `${r.waiting} still waiting to go` : null,
  ].filter(Boolean);
  const lines = [
    `${r.name}: ${r.sent} sent of ${r.queued} queued${unsent.length > 0 ? ` (${unsent.join(", ")})` : ""}, ${r.answered} answered: a response rate of ${pct(r.answered, r.sent)}.`,
  ];
  const change = (() => {
    if (!r.previous) return "the first campaign of its kind, so no change to show";
    if (r.score === null || r.previous.score === null)
      return `${r.previous.name} had ${scoreText(r.kind, r.previous.score)}`;
    const delta = r.score - r.previous.score;
    const unit = r.kind === "csat" ? " points" : "";
    const amount = r.kind === "ces" ? Math.abs(delta).toFixed(2) : Math.abs(delta).toFixed(0);
    return delta === 0
      ? `the same as ${r.previous.name}`
      : `${delta > 0 ? "up" : "down"} ${amount}${unit} from ${scoreText(r.kind, r.previous.score)} in ${r.previous.name}`;
  })();
  lines.push(
    r.score === null
      ? `${label}: no answers yet.`
      : `${label} ${scoreText(r.kind, r.score)} (${r.parts}), ${change}.`,
  );
  for (const split of r.splits) {
    const groups = split.groups.map(
      (g) =>
        `${split.dimension === "language" ? languageName(g.key) : g.key} ${g.answered}/${g.sent} answered (${pct(g.answered, g.sent)}), ${label} ${scoreText(r.kind, g.score)}`,
    );
    lines.push(`By ${split.dimension}: ${groups.join("; ")}.`);
  }
  if (r.themes.length === 0)
    lines.push(
      r.negative === 0
        ? "No negative comments."
        : `${r.negative} negative comments, about none of the known themes.`,
    );
  else {
    lines.push(
      `Top complaint themes, from ${r.negative} negative comment${r.negative === 1 ? "" : "s"}:`,
    );
    for (const [i, t] of r.themes.entries())
      lines.push(
        `${i + 1}. ${t.phrase}: ${t.count}, e.g. "${t.example}"${t.language && t.language !== "en" ? ` (${languageName(t.language)})` : ""}`,
      );
  }
  return lines.join("\n");
}
