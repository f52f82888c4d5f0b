import { createAccess } from "./access/access.js";
import { createAlertCommands } from "./alerts/chat-commands.js";
import { createAssistant } from "./assistant/assistant.js";
import { type Clock, shiftedClock, systemClock } from "./clock.js";
import type { Config } from "./config/config.js";
import { PulseError } from "./errors.js";
import { createLogger, type Logger } from "./logger.js";
import { validateRegistry } from "./metrics/registry.js";
import { observe } from "./observability/observe.js";
import type { Pulse } from "./pulse.js";
import { conversationStore } from "./questions/conversation-store.js";
import { createConversations } from "./questions/follow-ups.js";
import { createSurveyCommands } from "./surveys/chat-commands.js";
import { openWorkspaceDatabase } from "./workspace/open-workspace-database.js";

export interface OpenOptions {
  clock?: Clock;
  logger?: Logger;
  /** Draw chart images (default true). */
  charts?: boolean;
}

/** Opens the database (migrating it), makes sure the workspace exists, and builds the assistant. */
export async function openPulse(config: Config, options: OpenOptions = {}): Promise<Pulse> {
  // A metric naming a missing dimension, or a synonym naming two metrics, would mislead every question.
  const issues = validateRegistry();
  if (issues.length > 0)
    throw new PulseError(
      "registry_invalid",
      `The metric registry is invalid: ${issues.join("; ")}`,
    );
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? (config.now ? shiftedClock(config.now) : systemClock);
  if (config.now && !options.clock)
    logger.warn(
      { now: config.now.toISOString() },
      "PULSE_NOW is set: the clock is shifted (tests only)",
    );
  const db = await openWorkspaceDatabase(config.database, config.workspaceId);
  const conversationStoreOf = (kind: string) => conversationStore(db, config.workspaceId, kind);
  const assistant = createAssistant({
    db,
    clock,
    logger,
    conversations: createConversations({ clock, store: conversationStoreOf("question") }),
    conversationStore: conversationStoreOf,
    access: createAccess(db, config.workspaceId),
    charts: options.charts ?? true,
    commands: createSurveyCommands({ db, clock }),
    alerts: createAlertCommands({ db, clock }),
  });
  return {
    config,
    db,
    clock,
    logger,
    workspaceId: config.workspaceId,
    ...observe(db, clock, assistant),
    close: () => db.close(),
  };
}
