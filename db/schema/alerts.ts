/**
 * Alerts and digests: the rules people set up in a chat, each firing of a
 * rule (the outbox the scheduler delivers from, unique per rule and
 * occurrence so a firing goes out once whichever process claims it), the log
 * of new rows event alerts read, and the ingest tokens.
 */
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true });

export const alertKinds = ["digest", "threshold", "change", "anomaly", "event"] as const;

export const alertRules = pgTable(
  "alert_rules",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    kind: text("kind", { enum: alertKinds }).notNull(),
    /** What the user asked for, in words: shown in lists and in every message. */
    title: text("title").notNull(),
    /** The kind's parameters (src/alerts/types.ts RuleDefinition). */
    definition: jsonb("definition").notNull(),
    /** Cron pattern read in `timezone`; null for event rules, which fire as rows arrive. */
    schedule: text("schedule"),
    timezone: text("timezone").notNull(),
    /** The chat the rule was created in and delivers to. */
    platform: text("platform", { enum: ["slack", "telegram"] }).notNull(),
    chatId: text("chat_id").notNull(),
    /** Who created it: told when deliveries keep failing. */
    ownerId: text("owner_id").notNull(),
    status: text("status", { enum: ["active", "paused"] })
      .notNull()
      .default("active"),
    /** Why Pulse paused the rule itself (its chat refused it for good, or lost its access), with the fix; resuming clears it (migration 0023). */
    blockedReason: text("blocked_reason"),
    snoozedUntil: instant("snoozed_until"),
    /** The next scheduled occurrence not yet recorded as a firing. */
    nextRunAt: instant("next_run_at"),
    /** Threshold and anomaly rules: inside a breach (fired, not yet back to normal). */
    inEpisode: boolean("in_episode").notNull().default(false),
    episodeStartedAt: instant("episode_started_at"),
    /** Per-group threshold rules: the groups in a breach, each its own episode (migration 0021). */
    episodeGroups: jsonb("episode_groups").notNull().default([]),
    /** Event rules: the last alert_changes id already matched. */
    changeCursor: bigint("change_cursor", { mode: "number" }).notNull().default(0),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("alert_rules_due_idx").on(t.status, t.nextRunAt),
    index("alert_rules_workspace_idx").on(t.workspaceId, t.kind),
  ],
);

export const alertFirings = pgTable(
  "alert_firings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ruleId: bigint("rule_id", { mode: "number" })
      .notNull()
      .references(() => alertRules.id, { onDelete: "cascade" }),
    /** "at:<scheduled ISO time>", "change:<alert_changes id>", "backfill:<first>-<last change id>", "now:<time>", "test:<time>" or "notice:<firing id>": one firing per rule and occurrence. */
    occurrence: text("occurrence").notNull(),
    scheduledFor: instant("scheduled_for").notNull(),
    /** "alert" goes to the rule's chat; "test" too, marked as a test ("send a test of alert 3"); "owner_notice" tells the owner that deliveries failed. */
    purpose: text("purpose", { enum: ["alert", "test", "owner_notice"] })
      .notNull()
      .default("alert"),
    /** Recorded after downtime: delivered once, marked as late. */
    late: boolean("late").notNull().default(false),
    changeId: bigint("change_id", { mode: "number" }),
    status: text("status", { enum: ["pending", "sending", "delivered", "skipped", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    /** While "sending": the claim expires then, and another process takes over. */
    leaseUntil: instant("lease_until"),
    /** The evaluated message, kept so a retry sends the same thing. */
    message: jsonb("message"),
    /** The parts the chat accepted: part key -> Slack ts or Telegram message id (types.ts partsOf). */
    sent: jsonb("sent").notNull().default({}),
    lastError: text("last_error"),
    deliveredAt: instant("delivered_at"),
  },
  (t) => [
    uniqueIndex("alert_firings_occurrence_idx").on(t.ruleId, t.occurrence),
    index("alert_firings_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** New rows of orders, customers (signups, churns), deals (new, or moved to another stage) and events, appended by triggers while an event rule exists. */
export const alertChanges = pgTable(
  "alert_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    source: text("source", { enum: ["order", "signup", "churn", "deal", "event"] }).notNull(),
    row: jsonb("row").notNull(),
    recordedAt: instant("recorded_at").notNull().defaultNow(),
  },
  (t) => [index("alert_changes_workspace_idx").on(t.workspaceId, t.id)],
);

/** Bearer tokens of POST /ingest, stored as SHA-256 hashes. */
export const ingestTokens = pgTable(
  "ingest_tokens",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    label: text("label"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("ingest_tokens_hash_idx").on(t.tokenHash)],
);
