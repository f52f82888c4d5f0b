/**
 * What each conversation (a Slack thread, a Telegram chat) asked last, for
 * follow-ups: an entry expires after `ttlMs`, and beyond `maxConversations`
 * the least recently used goes first. With a store, the database is the
 * truth, so a follow-up works after a restart and on another process:
 * `hydrate` before reading a conversation, `persist` after changing it
 * (which writes only when the conversation changed since it was hydrated).
 */
import type { z } from "zod";
import type { Clock } from "../clock.js";
import { readStored, stored } from "./query-schema.js";

export interface ConversationEntry<T = unknown> {
  value: T;
  /** When it was remembered, ms since the epoch. */
  at: number;
}

/** Where conversations outlive the process (src/questions/conversation-store.ts). */
export interface ConversationStore {
  load(id: string): Promise<ConversationEntry | null>;
  /** Saves the entry, or deletes the conversation's entry when null. */
  save(id: string, entry: ConversationEntry | null): Promise<void>;
}

export interface ConversationMemory<T extends object> {
  /** The conversation's last entry, or null when there is none or it expired. */
  recall(id: string): T | null;
  remember(id: string, value: T): void;
  forget(id: string): void;
  /** Takes the stored state of the conversation, which another process may have changed. */
  hydrate(id: string): Promise<void>;
  /** Stores the conversation's state (its entry, or that it has none) when it changed since `hydrate`. */
  persist(id: string): Promise<void>;
}

/** Where and how long conversations are kept: what the owner of a memory is given. */
export interface ConversationOptions {
  clock: Clock;
  ttlMs?: number;
  maxConversations?: number;
  store?: ConversationStore;
}

export interface ConversationMemoryOptions<T> extends ConversationOptions {
  /**
   * What an entry read back from the store must be; one another version of
   * Pulse wrote that does not fit is not recalled (the next message is read
   * on its own).
   */
  schema: z.ZodType<T>;
}

export function createConversationMemory<T extends object>(
  options: ConversationMemoryOptions<T>,
): ConversationMemory<T> {
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const max = options.maxConversations ?? 10_000;
  const last = new Map<string, ConversationEntry<T>>();
  /** Conversations remembered or forgotten since they were hydrated or persisted. */
  const changed = new Set<string>();
  const mark = (id: string) => {
    if (options.store) changed.add(id);
  };
  const keep = (id: string, entry: ConversationEntry<T>) => {
    last.delete(id);
    last.set(id, entry);
    // Maps keep insertion order: the first key is the least recently used.
    while (last.size > max) last.delete(last.keys().next().value!);
  };
  return {
    recall(id) {
      const entry = last.get(id);
      return entry && options.clock.now().getTime() - entry.at <= ttlMs ? entry.value : null;
    },
    remember(id, value) {
      keep(id, { value, at: options.clock.now().getTime() });
      mark(id);
    },
    forget(id) {
      if (last.delete(id)) mark(id);
    },
    async hydrate(id) {
      if (!options.store) return;
      const entry = await options.store.load(id);
      const value = entry ? readStored(options.schema, entry.value) : null;
      if (entry && value?.ok) keep(id, { value: value.value, at: entry.at });
      else last.delete(id);
      changed.delete(id);
    },
    async persist(id) {
      // Most questions leave the other kind of follow-up as it was: no write for those.
      if (!options.store || !changed.delete(id)) return;
      try {
        const entry = last.get(id);
        await options.store.save(id, entry ? { ...entry, value: stored(entry.value) } : null);
      } catch (error) {
        mark(id);
        throw error;
      }
    },
  };
}
