/** The Snooze and Mute buttons under an alert, pressed in the chat the alert belongs to. */
import type { Database } from "../../db/client.js";
import { createAccess } from "../access/access.js";
import type { Asker } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import { PulseError } from "../errors.js";
import { runAlertCommand } from "./chat-commands.js";
import type { AlertPlatform } from "./types.js";

export type AlertButton = "snooze" | "mute";

/** Runs a button press; returns what to tell the chat. */
export async function pressAlertButton(
  deps: { db: Database; clock: Clock },
  asker: Asker & { platform: AlertPlatform },
  button: AlertButton,
  ruleId: number,
): Promise<string> {
  if (!(await createAccess(deps.db, asker.workspaceId).may(asker, asker, "aggregate")).allowed)
    return "Sorry, only people allowed to use Pulse here can change its alerts.";
  try {
    return await runAlertCommand(
      deps,
      asker,
      button === "snooze"
        ? { kind: "snooze", id: ruleId, minutes: 1440 }
        : { kind: "mute", id: ruleId },
    );
  } catch (error) {
    if (error instanceof PulseError) return error.message;
    throw error;
  }
}
