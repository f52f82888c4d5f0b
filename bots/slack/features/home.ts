/**
 * App Home: last month's key numbers, each beside the month before, with the
 * time they were computed; for people allowed to see numbers in a direct message.
 */

import type { App } from "@slack/bolt";
import { createAccess } from "../../../src/access/access.js";
import { utcMinute } from "../../../src/answers/format.js";
import { overview } from "../../../src/demo/overview.js";
import { getWorkspace, localDate } from "../../../src/workspace/workspace.js";
import type { SlackContext } from "../context.js";

const notAllowed =
  "Pulse shares the business's numbers here only with people an admin has allowed. Ask a Pulse admin.";

export function registerHome(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    ctx.track(async () => {
      const { db, workspaceId, clock } = ctx.pulse;
      // App Home is the person's own place, as their direct messages are.
      const decision = await createAccess(db, workspaceId).may(
        { platform: "slack", userId: event.user },
        { chatId: event.user, isDirect: true },
        "aggregate",
      );
      if (!decision.allowed) {
        await client.views.publish({
          user_id: event.user,
          view: {
            type: "home",
            blocks: [{ type: "section", text: { type: "plain_text", text: notAllowed } }],
          },
        });
        return;
      }
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
