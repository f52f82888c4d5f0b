/**
 * The chart gallery (docs/gallery): real answers from the demo business,
 * plus the survey and pipeline distributions, each drawn as a PNG.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { writeGallery } from "../../charts/gallery.js";
import type { ChartData } from "../../charts/index.js";
import type { Database } from "../../db/client.js";
import type { Asker, Assistant } from "../assistant/types.js";
import { getWorkspace } from "../workspace/workspace.js";

const questions: [string, string][] = [
  ["value", "what was churn last month?"],
  ["value-compare", "revenue last month vs the month before"],
  ["series", "revenue by month this year"],
  ["series-compare", "new customers by month this year vs last year"],
  ["series-weekly", "weekly orders last quarter"],
  ["breakdown", "churn rate by plan last quarter"],
  ["breakdown-long", "revenue by country last month"],
  ["breakdown-segment", "active customers by segment last month"],
];

export async function demoGallery(
  db: Database,
  assistant: Assistant,
  workspaceId: string,
  dir: string,
): Promise<string[]> {
  const asker: Asker = {
    workspaceId,
    platform: "terminal",
    userId: "gallery",
    chatId: "gallery",
    isDirect: true,
  };
  const items: { name: string; data: ChartData }[] = [];
  const paths: string[] = [];
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of questions) {
    const reply = await assistant.ask({ conversationId: `gallery-${name}`, text, asker });
    if (reply.kind !== "answer" || !reply.chart)
      throw new Error(`the gallery question "${text}" gave no chart: ${reply.text}`);
    const path = join(dir, `${name}.png`);
    writeFileSync(path, reply.chart.png);
    paths.push(path);
  }
  const workspace = await getWorkspace(db, workspaceId);
  for (const survey of ["nps", "csat", "ces"] as const) {
    const counts = await db.rows<{ score: number; count: number }>(
      sql`select score, count(*)::int as count from survey_responses where workspace_id = ${workspaceId} and kind = ${survey} group by score order by score`,
    );
    items.push({
      name: `survey-${survey}`,
      data: {
        kind: "survey",
        survey,
        title: `${survey.toUpperCase()} answers, all time`,
        unit: "count",
        counts,
      },
    });
  }
  const stages = await db.rows<{ stage: string; count: number }>(
    sql`select stage, count(*)::int as count from deals where workspace_id = ${workspaceId}
        group by stage order by array_position(array['lead','qualified','proposal','negotiation','won','lost'], stage)`,
  );
  items.push({
    name: "funnel",
    data: { kind: "funnel", title: `Deals by stage, ${workspace.name}`, unit: "count", stages },
  });
  return [...paths, ...(await writeGallery(items, dir))];
}
