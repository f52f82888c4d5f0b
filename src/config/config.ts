/**
 * Configuration, parsed once at the edge from the environment. Nothing else in
 * Pulse reads process.env: the CLI passes it here and hands the result down.
 */
import { resolve } from "node:path";
import { z } from "zod";
import type { DatabaseTarget } from "../../db/client.js";
import { ConfigError } from "../errors.js";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const days = z
  .string()
  .regex(/^\d+$/, "a whole number of days")
  .transform(Number)
  .pipe(z.number().int().min(0).max(3650));

/** A TCP port number; a minimum of 0 lets the system pick a free port (tests). */
const port = (min = 1) =>
  optional.pipe(
    z
      .string()
      .regex(/^\d+$/, "a port number")
      .transform(Number)
      .pipe(z.number().int().min(min).max(65535))
      .optional(),
  );

const envSchema = z.object({
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "a postgres://user@host:port/database URL")
      .optional(),
  ),
  PULSE_DATA_DIR: optional,
  PULSE_WORKSPACE: optional,
  LOG_LEVEL: optional.pipe(z.enum(["debug", "info", "warn", "error", "silent"]).optional()),
  LOG_FORMAT: optional.pipe(z.enum(["json", "pretty"]).optional()),
  PULSE_METRICS_TOKEN: optional.pipe(
    z.string().min(16, "a secret of at least 16 characters").optional(),
  ),
  PORT: port(),
  PULSE_SECRET: optional,
  SLACK_BOT_TOKEN: optional.pipe(
    z.string().startsWith("xoxb-", "a bot token starting with xoxb-").optional(),
  ),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.pipe(
    z.string().startsWith("xapp-", "an app token starting with xapp-").optional(),
  ),
  SLACK_API_URL: optional.pipe(z.url().optional()),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: optional.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_URL: optional.pipe(z.url().optional()),
  TELEGRAM_WEBHOOK_SECRET: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, "a secret token of 1-256 characters from A-Z a-z 0-9 _ -")
      .optional(),
  ),
  TELEGRAM_WEBHOOK_PORT: port(),
  SURVEY_BUSINESS_NAME: optional,
  SURVEY_TEXTS_FILE: optional,
  SURVEY_MIN_INTERVAL_DAYS: optional.pipe(days.optional()),
  SURVEY_CSAT_AFTER_ORDER_DAYS: optional.pipe(days.optional()),
  SURVEY_NPS_EVERY_DAYS: optional.pipe(days.optional()),
  SURVEY_LINK_DAYS: optional.pipe(days.optional()),
  SURVEY_CSAT_EXPIRE_DAYS: optional.pipe(days.optional()),
  SURVEY_NPS_EXPIRE_DAYS: optional.pipe(days.optional()),
  SURVEY_REMINDER_DAYS: optional.pipe(days.optional()),
  SURVEY_QUIET_HOURS: optional.pipe(
    z
      .string()
      .regex(
        /^(off|([01]?\d|2[0-3])-([01]?\d|2[0-3]))$/,
        'local hours as FROM-TO, like 21-9 (no surveys from 21:00 to 9:00), or "off"',
      )
      .optional(),
  ),
  PULSE_INGEST_PORT: port(0),
  STRIPE_API_KEY: optional.pipe(
    z
      .string()
      .regex(/^(sk|rk)_/, "a secret or restricted key starting with sk_ or rk_")
      .optional(),
  ),
  STRIPE_API_URL: optional.pipe(z.url().optional()),
  SHOPIFY_SHOP: optional.pipe(
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*(\.myshopify\.com)?$/,
        "the shop's name, like acme or acme.myshopify.com",
      )
      .optional(),
  ),
  SHOPIFY_ACCESS_TOKEN: optional,
  SHOPIFY_API_URL: optional.pipe(z.url().optional()),
  HUBSPOT_ACCESS_TOKEN: optional,
  HUBSPOT_API_URL: optional.pipe(z.url().optional()),
  SYNC_EVERY: optional.pipe(
    z
      .string()
      .regex(/^\d+(m|h)$/, "minutes or hours, like 15m or 1h")
      .transform((v) => Number.parseInt(v, 10) * (v.endsWith("h") ? 3_600_000 : 60_000))
      .pipe(z.number().min(60_000, "at least 1m"))
      .optional(),
  ),
  PULSE_NOW: optional.pipe(
    z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v))
      .optional(),
  ),
  PULSE_ALERT_BACKFILL_HOURS: optional.pipe(
    z
      .string()
      .regex(/^\d+$/, "a whole number of hours")
      .transform(Number)
      .pipe(z.number().int().min(1).max(87_600))
      .optional(),
  ),
  /** The ingest port's interface: loopback unless said otherwise (plain HTTP: a TLS proxy goes in front). */
  PULSE_INGEST_HOST: optional.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9.:-]+$/,
        "an IP address or host name to listen on, like 127.0.0.1 or 0.0.0.0",
      )
      .optional(),
  ),
  PULSE_INGEST_MAX_BYTES: optional.pipe(
    z.string().regex(/^\d+$/, "a number of bytes").transform(Number).optional(),
  ),
});

export type SlackConfig =
  | { enabled: false }
  | {
      enabled: true;
      botToken: string;
      /** Verifies HTTP requests; not needed in Socket Mode. */
      signingSecret: string | undefined;
      /** Socket Mode when set: no public URL needed. */
      appToken: string | undefined;
      /** Base URL of the Web API, ending in "/": a proxy or a test server. */
      apiUrl: string | undefined;
    };

export type TelegramConfig =
  | { enabled: false }
  | {
      enabled: true;
      token: string;
      apiRoot: string | undefined;
      /** Webhook mode listens on `port` (TELEGRAM_WEBHOOK_PORT, else PORT) at the URL's path. */
      delivery:
        | { mode: "polling" }
        | { mode: "webhook"; url: string; secret: string; port: number };
    };

export interface SurveyConfig {
  /** The business the questions name; the workspace's name when unset. */
  businessName: string | undefined;
  /** A JSON file of wording overrides, { "<locale>": { "<text key>": "..." } }. */
  textsFile: string | undefined;
  /** Never ask one customer more often than this. */
  minIntervalDays: number;
  /** CSAT this many days after each order; 0 turns it off. */
  csatAfterOrderDays: number;
  /** NPS every this many days per customer; 0 turns it off. */
  npsEveryDays: number;
  /** A deep link not used within this many days expires. */
  linkDays: number;
  /** A prompt not sent within this many days of being queued is dropped (CSAT and CES; NPS). */
  expireDays: { csat: number; ces: number; nps: number };
  /** One reminder this many days after an unanswered prompt; 0 (the default) sends none. */
  reminderDays: number;
  /** Local hours of the customer in which nothing is sent; null: any hour. */
  quietHours: { from: number; to: number } | null;
}

export interface Config {
  database: DatabaseTarget;
  /** Where chart images from the terminal are saved. */
  chartsDir: string;
  workspaceId: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** LOG_FORMAT; `auto` (unset): pretty in a terminal, JSON otherwise. */
  logFormat: "json" | "pretty" | "auto";
  /**
   * GET /healthz, /readyz and /metrics, on PORT: beside Slack's events or the
   * Telegram webhook when one of them listens there, else on a server of their
   * own when PORT is set (`own`); nowhere (`null`) when PORT is unset and free.
   * /metrics answers only with `Authorization: Bearer PULSE_METRICS_TOKEN`; unset, it is off.
   */
  ops: { on: "own" | "slack" | "telegram" | null; metricsToken: string | undefined };
  /** HTTP port of Slack events (and of the Telegram webhook unless TELEGRAM_WEBHOOK_PORT is set). */
  port: number;
  /** Signs survey deep links and other tokens; required once surveys are used. */
  secret: string | undefined;
  slack: SlackConfig;
  telegram: TelegramConfig;
  surveys: SurveyConfig;
  /** POST /ingest/{table}: on its own port (PULSE_INGEST_PORT; off when unset) of `host` (PULSE_INGEST_HOST, loopback by default), bodies up to maxBytes. */
  ingest: { port: number | undefined; host: string; maxBytes: number };
  /** Vendor syncs (src/sync): each configured one by its credentials, run by `pulse sync` and every `everyMs` by `pulse serve`. */
  sync: SyncConfig;
  /** Event rows dated more than backfillHours before they arrive are summed up, not alerted one by one. */
  alerts: { backfillHours: number };
  /** Test-only (PULSE_NOW): the instant the clock starts at, running on from there; unset in production. */
  now: Date | undefined;
  /** The TCP ports `pulse serve` listens on, each named by the variable that sets it. */
  listeners: Listener[];
}

export interface VendorApi {
  /** The API's root (the *_API_URL variable: a local fake in tests). */
  apiUrl: string;
}

export interface SyncConfig {
  /** SYNC_EVERY: how often `pulse serve` syncs each configured source (default 15 minutes). */
  everyMs: number;
  stripe: (VendorApi & { apiKey: string }) | null;
  shopify: (VendorApi & { accessToken: string }) | null;
  hubspot: (VendorApi & { accessToken: string }) | null;
}

export interface Listener {
  variable: string;
  port: number;
}

/** The error for bad variables: one line each, "VARIABLE: what is wrong". */
const invalid = (...problems: string[]): ConfigError =>
  new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);

/** Parses the environment into a Config, or throws ConfigError naming each bad variable and what was expected. */
export function createConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: expected ${i.message}`);
    throw invalid(...problems);
  }
  const e = parsed.data;
  const database: DatabaseTarget = e.DATABASE_URL
    ? { mode: "postgres", url: e.DATABASE_URL }
    : { mode: "embedded", dataDir: resolve(cwd, e.PULSE_DATA_DIR ?? ".pulse") };

  let slack: SlackConfig = { enabled: false };
  if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET)
      throw invalid(
        "SLACK_SIGNING_SECRET: expected the app's signing secret (or set SLACK_APP_TOKEN for Socket Mode)",
      );
    slack = {
      enabled: true,
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl:
        e.SLACK_API_URL &&
        (e.SLACK_API_URL.endsWith("/") ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`),
    };
  }

  let telegram: TelegramConfig = { enabled: false };
  if (e.TELEGRAM_BOT_TOKEN) {
    if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET)
      throw invalid(
        "TELEGRAM_WEBHOOK_SECRET: expected a secret token (1-256 of A-Z a-z 0-9 _ -) when TELEGRAM_WEBHOOK_URL is set",
      );
    telegram = {
      enabled: true,
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      delivery:
        e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
          ? {
              mode: "webhook",
              url: e.TELEGRAM_WEBHOOK_URL,
              secret: e.TELEGRAM_WEBHOOK_SECRET,
              port: e.TELEGRAM_WEBHOOK_PORT ?? e.PORT ?? 3000,
            }
          : { mode: "polling" },
    };
  }

  const listeners = [
    ...(slack.enabled && !slack.appToken
      ? [{ variable: "PORT (Slack events)", port: e.PORT ?? 3000 }]
      : []),
    ...(telegram.enabled && telegram.delivery.mode === "webhook"
      ? [
          {
            variable: e.TELEGRAM_WEBHOOK_PORT ? "TELEGRAM_WEBHOOK_PORT" : "PORT (Telegram webhook)",
            port: telegram.delivery.port,
          },
        ]
      : []),
    ...(e.PULSE_INGEST_PORT ? [{ variable: "PULSE_INGEST_PORT", port: e.PULSE_INGEST_PORT }] : []),
  ];
  // Health and metrics ride on the chat server already on PORT, else get their own when PORT is set.
  const onPort = listeners.find((l) => l.variable.startsWith("PORT"));
  const opsOn: Config["ops"]["on"] = onPort
    ? onPort.variable.includes("Slack")
      ? "slack"
      : "telegram"
    : e.PORT !== undefined
      ? "own"
      : null;
  if (opsOn === "own") listeners.push({ variable: "PORT (health and metrics)", port: e.PORT ?? 0 });
  assertDistinctPorts(listeners);

  if (e.SHOPIFY_SHOP && !e.SHOPIFY_ACCESS_TOKEN)
    throw invalid(
      "SHOPIFY_ACCESS_TOKEN: expected the shop's Admin API access token when SHOPIFY_SHOP is set",
    );
  if (e.SHOPIFY_ACCESS_TOKEN && !e.SHOPIFY_SHOP)
    throw invalid(
      "SHOPIFY_SHOP: expected the shop's name (acme or acme.myshopify.com) when SHOPIFY_ACCESS_TOKEN is set",
    );
  const sync: SyncConfig = {
    everyMs: e.SYNC_EVERY ?? 15 * 60_000,
    stripe: e.STRIPE_API_KEY
      ? { apiKey: e.STRIPE_API_KEY, apiUrl: e.STRIPE_API_URL ?? "https://api.stripe.com" }
      : null,
    shopify:
      e.SHOPIFY_SHOP && e.SHOPIFY_ACCESS_TOKEN
        ? {
            accessToken: e.SHOPIFY_ACCESS_TOKEN,
            apiUrl:
              e.SHOPIFY_API_URL ??
              `https://${e.SHOPIFY_SHOP.endsWith(".myshopify.com") ? e.SHOPIFY_SHOP : `${e.SHOPIFY_SHOP}.myshopify.com`}`,
          }
        : null,
    hubspot: e.HUBSPOT_ACCESS_TOKEN
      ? {
          accessToken: e.HUBSPOT_ACCESS_TOKEN,
          apiUrl: e.HUBSPOT_API_URL ?? "https://api.hubapi.com",
        }
      : null,
  };

  return {
    sync,
    database,
    chartsDir: resolve(cwd, e.PULSE_DATA_DIR ?? ".pulse", "charts"),
    workspaceId: e.PULSE_WORKSPACE ?? "default",
    logLevel: e.LOG_LEVEL ?? "info",
    logFormat: e.LOG_FORMAT ?? "auto",
    ops: { on: opsOn, metricsToken: e.PULSE_METRICS_TOKEN },
    port: e.PORT ?? 3000,
    secret: e.PULSE_SECRET,
    slack,
    telegram,
    ingest: {
      port: e.PULSE_INGEST_PORT,
      host: e.PULSE_INGEST_HOST ?? "127.0.0.1",
      maxBytes: e.PULSE_INGEST_MAX_BYTES ?? 10 * 1024 * 1024,
    },
    listeners,
    alerts: { backfillHours: e.PULSE_ALERT_BACKFILL_HOURS ?? 24 },
    now: e.PULSE_NOW,
    surveys: {
      businessName: e.SURVEY_BUSINESS_NAME,
      textsFile: e.SURVEY_TEXTS_FILE && resolve(cwd, e.SURVEY_TEXTS_FILE),
      minIntervalDays: e.SURVEY_MIN_INTERVAL_DAYS ?? 30,
      csatAfterOrderDays: e.SURVEY_CSAT_AFTER_ORDER_DAYS ?? 2,
      npsEveryDays: e.SURVEY_NPS_EVERY_DAYS ?? 90,
      linkDays: e.SURVEY_LINK_DAYS ?? 30,
      expireDays: {
        csat: e.SURVEY_CSAT_EXPIRE_DAYS ?? 3,
        ces: e.SURVEY_CSAT_EXPIRE_DAYS ?? 3,
        nps: e.SURVEY_NPS_EXPIRE_DAYS ?? 14,
      },
      reminderDays: e.SURVEY_REMINDER_DAYS ?? 0,
      quietHours: quietHoursOf(e.SURVEY_QUIET_HOURS ?? "21-9"),
    },
  };
}

/** "21-9": nothing from 21:00 to 9:00; "off": any hour. */
function quietHoursOf(text: string): { from: number; to: number } | null {
  const [from, to] = text.split("-").map(Number);
  return text === "off" || from === undefined || to === undefined ? null : { from, to };
}

/** Slack's HTTP mode, the Telegram webhook and ingest each run their own server: one port each. */
function assertDistinctPorts(listeners: Listener[]): void {
  for (const [i, a] of listeners.entries()) {
    const b = listeners.slice(i + 1).find((l) => l.port === a.port);
    if (b)
      throw invalid(
        `${b.variable}: port ${b.port} is taken by ${a.variable}; give each server its own port`,
      );
  }
}
