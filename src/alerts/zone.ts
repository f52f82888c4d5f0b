/**
 * Changing the workspace's time zone. Each alert rule keeps the zone it was
 * made in ("Mondays 09:00 UTC" stays so), so a change that would leave rules
 * in the old zone asks first, with nothing changed: move them (09:00 stays
 * 09:00, now in the new zone) or keep them. `pulse workspace set --timezone`
 * and the chat ("set the time zone to Europe/Helsinki") both come here.
 */
import type { Database } from "../../db/client.js";
import { PulseError } from "../errors.js";
import { getWorkspace, updateWorkspace, type Workspace } from "../workspace/workspace.js";
import { scheduleInWords } from "./describe.js";
import { moveRulesToZone, rulesInZone } from "./rules.js";

/** What to do with rules still in the old zone; "ask" changes nothing when there are any. */
export type RuleZoneChoice = "ask" | "move" | "keep";

export type ZoneChange =
  | {
      kind: "asked";
      /** The rules in the old zone, described ("alert 1: Mondays 09:00 UTC"). */
      rules: string[];
      count: number;
      from: string;
      to: string;
    }
  | { kind: "changed"; workspace: Workspace; from: string; moved: number; kept: number };

/** The IANA zone as the runtime spells it ("europe/helsinki" is Europe/Helsinki); refused when unknown. */
export function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    throw new PulseError(
      "config_invalid",
      `"${zone}" is not an IANA time zone (for example Europe/Helsinki).`,
    );
  }
}

/** Sets the workspace's zone, asking first (kind "asked") when rules still read the old one. */
export async function changeWorkspaceZone(
  db: Database,
  workspaceId: string,
  requested: string,
  choice: RuleZoneChoice,
  now: Date,
): Promise<ZoneChange> {
  const zone = canonicalZone(requested);
  const before = await getWorkspace(db, workspaceId);
  const affected =
    zone !== before.timezone ? await rulesInZone(db, workspaceId, before.timezone) : [];
  if (affected.length > 0 && choice === "ask")
    return {
      kind: "asked",
      rules: affected.map(
        (r) =>
          `alert ${r.id}: ${r.schedule ? scheduleInWords(r.schedule, r.timezone) : "as it happens"}`,
      ),
      count: affected.length,
      from: before.timezone,
      to: zone,
    };
  const workspace = await updateWorkspace(db, workspaceId, { timezone: zone });
  if (affected.length > 0 && choice === "move")
    await moveRulesToZone(db, affected, workspace.timezone, now);
  return {
    kind: "changed",
    workspace,
    from: before.timezone,
    moved: choice === "move" ? affected.length : 0,
    kept: choice === "move" ? 0 : affected.length,
  };
}

/** "2 alerts run in UTC (alert 1: ...; alert 2: ...). Move them to Europe/Helsinki too?" and how to answer. */
export function zoneQuestion(
  asked: Extract<ZoneChange, { kind: "asked" }>,
  answers: { move: string; keep: string },
): string {
  const shown = asked.rules.slice(0, 3).join("; ");
  const more = asked.count > 3 ? `; and ${asked.count - 3} more` : "";
  return `${asked.count} ${asked.count === 1 ? "alert runs" : "alerts run"} in ${asked.from} (${shown}${more}). Move them to ${asked.to} too? ${answers.move} to move them (09:00 stays 09:00 there), or ${answers.keep} to keep them in ${asked.from}. Nothing was changed.`;
}
