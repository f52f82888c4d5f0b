/** Deep links for every customer, for receipts and mailings (`pulse survey links`). */
import { sql } from "drizzle-orm";
import type { Pulse } from "../pulse.js";
import { createSurveys } from "./surveys.js";

export interface CustomerLink {
  customerId: string;
  name: string | null;
  email: string | null;
  /** Whether a Telegram chat is already linked (the link still works, e.g. from a new phone). */
  linked: boolean;
  link: string;
}

export async function customerLinks(pulse: Pulse, botUsername: string): Promise<CustomerLink[]> {
  const surveys = createSurveys(pulse);
  const rows = await pulse.db.rows<{
    id: string;
    name: string | null;
    email: string | null;
    linked: boolean;
  }>(sql`select id, name, email, telegram_chat_id is not null as linked from customers
    where workspace_id = ${pulse.workspaceId} order by id`);
  return rows.map((r) => ({
    customerId: r.id,
    name: r.name,
    email: r.email,
    linked: r.linked,
    link: surveys.telegramLink(botUsername, r.id),
  }));
}
