/**
 * What each conversation (a Slack thread, a Telegram chat) asked last, kept
 * in memory for follow-ups: an entry expires after `ttlMs`, and beyond
 * `maxConversations` the least recently used goes first.
 */
import type { Clock } from "../clock.js";

export interface ConversationMemory<T> {
  /** The conversation's last entry, or null when there is none or it expired. */
  recall(id: string): T | null;
  remember(id: string, value: T): void;
  forget(id: string): void;
}

export interface ConversationMemoryOptions {
  clock: Clock;
  ttlMs?: number;
  maxConversations?: number;
}

export function createConversationMemory<T>(
  options: ConversationMemoryOptions,
): ConversationMemory<T> {
  const ttlMs = options.ttlMs ?? 30 * 60_000;
  const max = options.maxConversations ?? 10_000;
  const last = new Map<string, { value: T; at: number }>();
  return {
    recall(id) {
      const entry = last.get(id);
      return entry && options.clock.now().getTime() - entry.at <= ttlMs ? entry.value : null;
    },
    remember(id, value) {
      last.delete(id);
      last.set(id, { value, at: options.clock.now().getTime() });
      // Maps keep insertion order: the first key is the least recently used.
      while (last.size > max) last.delete(last.keys().next().value!);
    },
    forget(id) {
      last.delete(id);
    },
  };
}
