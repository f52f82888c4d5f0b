/** App Home: last month's key numbers, each beside the month before, with the time they were computed. */

import type { App } from "@slack/bolt";
import { utcMinute } from "../../../src/answers/format.js";
import { overview } from "../../../src/demo/overview.js";
import { getWorkspace, localDate } from "../../../src/workspace/workspace.js";
import type { SlackContext } from "../context.js";

export function registerHome(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    ctx.track(async () => {
      const { db, workspaceId, clock } = ctx.pulse;
      const workspace = await getWorkspace(db, workspaceId);
      const { range, lines } = await overview(
        db,
        workspaceId,
        localDate(clock.now(), workspace.timezone),
      );
      await client.views.publish({
        user_id: event.user,
        view: {
          type: "home",
          blocks: [
            { type: "header", text: { type: "plain_text", text: `${workspace.name}: ${range}` } },
            ...lines.map((line) => ({
              type: "section" as const,
              text: {
                type: "mrkdwn" as const,
                text: `*${line.label}*  ${line.value}${line.change ? `\n${line.change}` : ""}`,
              },
            })),
            {
              type: "context",
              elements: [
                {
                  type: "mrkdwn",
                  text: `Updated ${utcMinute(clock.now())} · ask me anything with /pulse`,
                },
              ],
            },
          ],
        },
      });
    });
  });
}
