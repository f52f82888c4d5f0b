/** Follow-up memory with a store: the database is the truth, and only a changed conversation is written. */
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import {
  type ConversationEntry,
  type ConversationStore,
  createConversationMemory,
} from "../../src/questions/conversation-memory.js";

/** A store in a Map that records what was written. */
function recordingStore(): ConversationStore & { writes: string[] } {
  const rows = new Map<string, ConversationEntry>();
  const writes: string[] = [];
  return {
    writes,
    load: async (id) => rows.get(id) ?? null,
    save: async (id, entry) => {
      writes.push(`${id}:${entry ? JSON.stringify(entry.value) : "deleted"}`);
      if (entry) rows.set(id, entry);
      else rows.delete(id);
    },
  };
}

describe("conversation memory with a store", () => {
  const clock = fixedClock("2026-11-22T12:00:00Z");

  it("writes a conversation remembered since it was read", async () => {
    const store = recordingStore();
    const memory = createConversationMemory<string>({ clock, store });
    await memory.hydrate("t1");
    memory.remember("t1", "revenue");
    await memory.persist("t1");
    expect(store.writes).toEqual(['t1:"revenue"']);
  });

  it("writes nothing for a conversation left as it was read", async () => {
    const store = recordingStore();
    const memory = createConversationMemory<string>({ clock, store });
    await memory.hydrate("t1");
    memory.forget("t1");
    await memory.persist("t1");
    expect(store.writes).toEqual([]);
  });

  it("deletes a stored conversation that was forgotten", async () => {
    const store = recordingStore();
    const writer = createConversationMemory<string>({ clock, store });
    writer.remember("t1", "churn risk");
    await writer.persist("t1");
    const reader = createConversationMemory<string>({ clock, store });
    await reader.hydrate("t1");
    expect(reader.recall("t1")).toBe("churn risk");
    reader.forget("t1");
    await reader.persist("t1");
    expect(store.writes).toEqual(['t1:"churn risk"', "t1:deleted"]);
  });

  it("writes again after a failed write", async () => {
    const store = recordingStore();
    let fail = true;
    const flaky: ConversationStore = {
      load: store.load,
      save: async (id, entry) => {
        if (fail) throw new Error("connection lost");
        await store.save(id, entry);
      },
    };
    const memory = createConversationMemory<string>({ clock, store: flaky });
    memory.remember("t1", "revenue");
    await expect(memory.persist("t1")).rejects.toThrow("connection lost");
    fail = false;
    await memory.persist("t1");
    expect(store.writes).toEqual(['t1:"revenue"']);
  });
});
