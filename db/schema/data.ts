/**
 * The data model of ../shared/spec/metrics.md, one table per importable file,
 * plus the workspace that owns them. Every data table is keyed by
 * (workspace_id, id) so one database can hold several businesses.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const money = (name: string) => numeric(name, { precision: 18, scale: 4 });
const instant = (name: string) => timestamp(name, { withTimezone: true });

export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** IANA zone that bare dates and ranges are read in. */
  timezone: text("timezone").notNull().default("UTC"),
  /** ISO 4217 code used to print money. */
  currency: text("currency").notNull().default("USD"),
  /** The calendar relative words follow ("last month"): gregorian, persian or ethiopian. */
  calendar: text("calendar").notNull().default("gregorian"),
  /** Inactivity window: a customer without churned_at churns this many days after their last order (null: none). */
  churnAfterDays: integer("churn_after_days"),
  createdAt: instant("created_at").notNull().defaultNow(),
  /** The automatic survey schedule (CSAT after orders, NPS every so many days): off until `pulse survey schedule on`. */
  surveyScheduleOn: boolean("survey_schedule_on").notNull().default(false),
});

export const customers = pgTable(
  "customers",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    id: text("id").notNull(),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    country: text("country"),
    gender: text("gender"),
    birthDate: date("birth_date"),
    plan: text("plan"),
    channel: text("channel"),
    signupAt: instant("signup_at").notNull(),
    churnedAt: instant("churned_at"),
    telegramChatId: text("telegram_chat_id"),
    /**
     * Why the Telegram chat cannot be reached (the customer blocked the bot: 403; the chat is
     * gone: 400), as Telegram said it; no survey goes there until they /start again, which clears it.
     */
    telegramUnreachable: text("telegram_unreachable"),
    slackUserId: text("slack_user_id"),
    locale: text("locale"),
    surveyOptOut: boolean("survey_opt_out").notNull().default(false),
    /** A made-up customer of `pulse demo`: never sent a real survey. */
    demo: boolean("demo").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("customers_signup_idx").on(t.workspaceId, t.signupAt),
    index("customers_churned_idx").on(t.workspaceId, t.churnedAt),
    index("customers_telegram_chat_idx").on(t.workspaceId, t.telegramChatId),
    check("customers_gender_check", sql`${t.gender} in ('f', 'm', 'x')`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    customerId: text("customer_id").notNull(),
    orderedAt: instant("ordered_at").notNull(),
    amount: money("amount").notNull(),
    category: text("category"),
    /** The part of `amount` refunded: revenue counts amount - refunded, an order refunded in full is no order (migration 0022). */
    refunded: money("refunded").notNull().default("0"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    // The index on (workspace_id, ordered_at) is orders_ordered_cover_idx, with INCLUDE columns: see migration 0002.
    // A customer's orders in time order: their last order before an instant (the churn window, migration 0010).
    index("orders_customer_ordered_idx").on(t.workspaceId, t.customerId, t.orderedAt),
  ],
);

export const dealStages = ["lead", "qualified", "proposal", "negotiation", "won", "lost"] as const;

export const deals = pgTable(
  "deals",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    customerId: text("customer_id"),
    name: text("name"),
    stage: text("stage", { enum: dealStages }).notNull(),
    amount: money("amount"),
    owner: text("owner"),
    source: text("source"),
    createdAt: instant("created_at").notNull(),
    closedAt: instant("closed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    index("deals_created_idx").on(t.workspaceId, t.createdAt),
    index("deals_closed_idx").on(t.workspaceId, t.closedAt),
    check(
      "deals_stage_check",
      sql`${t.stage} in ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')`,
    ),
  ],
);

export const marketingSpend = pgTable(
  "marketing_spend",
  {
    workspaceId: text("workspace_id").notNull(),
    date: date("date").notNull(),
    channel: text("channel").notNull(),
    amount: money("amount").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.date, t.channel] })],
);

export const surveyKinds = ["nps", "csat", "ces"] as const;

export const surveyResponses = pgTable(
  "survey_responses",
  {
    workspaceId: text("workspace_id").notNull(),
    /** From the file, or a hash of the row's columns when the file has none. */
    id: text("id").notNull(),
    customerId: text("customer_id"),
    kind: text("kind", { enum: surveyKinds }).notNull(),
    score: integer("score").notNull(),
    comment: text("comment"),
    respondedAt: instant("responded_at").notNull(),
    source: text("source"),
    /** Sentiment of the comment, -1..1, scored when the row arrives. */
    sentiment: real("sentiment"),
    promptId: text("prompt_id"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    index("survey_responses_responded_idx").on(t.workspaceId, t.respondedAt),
    check("survey_responses_kind_check", sql`${t.kind} in ('nps', 'csat', 'ces')`),
  ],
);

export const events = pgTable(
  "events",
  {
    workspaceId: text("workspace_id").notNull(),
    /** A hash of all the row's columns: events have no id of their own. */
    id: text("id").notNull(),
    customerId: text("customer_id"),
    kind: text("kind").notNull(),
    occurredAt: instant("occurred_at").notNull(),
    text: text("text"),
    properties: jsonb("properties"),
    sentiment: real("sentiment"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.customerId],
      foreignColumns: [customers.workspaceId, customers.id],
    }),
    index("events_kind_occurred_idx").on(t.workspaceId, t.kind, t.occurredAt),
    index("events_customer_occurred_idx").on(t.workspaceId, t.customerId, t.occurredAt),
  ],
);
