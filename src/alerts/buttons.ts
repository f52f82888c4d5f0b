/** The Snooze and Mute buttons under an alert, pressed in the chat the alert belongs to. */
import type { Database } from "../../db/client.js";
import { createAccess } from "../access/access.js";
import type { Asker, Reply } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import { PulseError } from "../errors.js";
import { runAlertCommand } from "./chat-commands.js";
import type { AlertPlatform } from "./types.js";

export type AlertButton = "snooze" | "mute";

/**
 * Runs a button press: a notice for the chat when the rule changed; a refusal,
 * or `unknown` when the rule is gone, for the presser alone (see forThePresser).
 */
export async function pressAlertButton(
  deps: { db: Database; clock: Clock },
  asker: Asker & { platform: AlertPlatform },
  button: AlertButton,
  ruleId: number,
): Promise<Reply> {
  if (!(await createAccess(deps.db, asker.workspaceId).may(asker, asker, "aggregate")).allowed)
    return {
      kind: "refused",
      text: "Sorry, only people allowed to use Pulse here can change its alerts.",
    };
  try {
    const text = await runAlertCommand(
      deps,
      asker,
      button === "snooze"
        ? { kind: "snooze", id: ruleId, span: { minutes: 1440 } }
        : { kind: "mute", id: ruleId },
    );
    return { kind: "notice", text };
  } catch (error) {
    if (error instanceof PulseError)
      return { kind: "unknown", text: error.message, suggestions: [] };
    throw error;
  }
}
