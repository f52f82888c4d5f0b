/** Alerts and digests carry numbers: their chat must be allowed to see them, when created and when sent. */
import type { Queryable } from "../../db/client.js";
import { createAccess, isDirectChat, type What } from "../access/access.js";
import { AccessDeniedError } from "../errors.js";
import type { AlertPlatform } from "./types.js";

export interface AlertPlace {
  workspaceId: string;
  platform: AlertPlatform;
  chatId: string;
  /** Who made the rule: in a direct message, the person whose messages they are. */
  userId: string;
}

/** Why the chat may not see numbers (or, for `personal`, customers' names), or null when it may. */
export async function deliveryRefusal(
  db: Queryable,
  place: AlertPlace,
  what: What = "aggregate",
): Promise<string | null> {
  const decision = await createAccess(db, place.workspaceId).may(
    { platform: place.platform, userId: place.userId },
    { chatId: place.chatId, isDirect: isDirectChat(place.platform, place.chatId) },
    what,
  );
  return decision.allowed ? null : `alerts cannot go to ${place.chatId}: ${decision.reason}`;
}

/** Throws AccessDeniedError, with the reason, unless the chat may see numbers. */
export async function mayDeliverTo(db: Queryable, place: AlertPlace): Promise<void> {
  const refusal = await deliveryRefusal(db, place);
  if (refusal) throw new AccessDeniedError(refusal);
}
