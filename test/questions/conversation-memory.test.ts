/** Follow-up memory with a store: the database is the truth, and only a changed conversation is written. */
import { describe, expect, it } from "vitest";
import { z } from "zod";
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

/** What these conversations remember: the topic asked about. */
const topic = z.object({ topic: z.string() });

describe("conversation memory with a store", () => {
  const clock = fixedClock("2026-11-22T12:00:00Z");

  it("writes a conversation remembered since it was read", async () => {
    const store = recordingStore();
    const memory = createConversationMemory({ clock, store, schema: topic });
    await memory.hydrate("t1");
    memory.remember("t1", { topic: "revenue" });
    await memory.persist("t1");
    expect(store.writes).toEqual(['t1:{"topic":"revenue","version":1}']);
  });

  it("writes nothing for a conversation left as it was read", async () => {
    const store = recordingStore();
    const memory = createConversationMemory({ clock, store, schema: topic });
    await memory.hydrate("t1");
    memory.forget("t1");
    await memory.persist("t1");
    expect(store.writes).toEqual([]);
  });

  it("deletes a stored conversation that was forgotten", async () => {
    const store = recordingStore();
    const writer = createConversationMemory({ clock, store, schema: topic });
    writer.remember("t1", { topic: "churn risk" });
    await writer.persist("t1");
    const reader = createConversationMemory({ clock, store, schema: topic });
    await reader.hydrate("t1");
    expect(reader.recall("t1")).toEqual({ topic: "churn risk" });
    reader.forget("t1");
    await reader.persist("t1");
    expect(store.writes).toEqual(['t1:{"topic":"churn risk","version":1}', "t1:deleted"]);
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
    const memory = createConversationMemory({ clock, store: flaky, schema: topic });
    memory.remember("t1", { topic: "revenue" });
    await expect(memory.persist("t1")).rejects.toThrow("connection lost");
    fail = false;
    await memory.persist("t1");
    expect(store.writes).toEqual(['t1:{"topic":"revenue","version":1}']);
  });

  it("recalls an entry of the first release, stored without a version", async () => {
    const store = recordingStore();
    await store.save("t1", { value: { topic: "revenue" }, at: clock.now().getTime() });
    const memory = createConversationMemory({ clock, store, schema: topic });
    await memory.hydrate("t1");
    expect(memory.recall("t1")).toEqual({ topic: "revenue" });
  });

  it("does not recall an entry of a newer version", async () => {
    const store = recordingStore();
    await store.save("t1", { value: { topic: "revenue", version: 2 }, at: clock.now().getTime() });
    const memory = createConversationMemory({ clock, store, schema: topic });
    await memory.hydrate("t1");
    expect(memory.recall("t1")).toBeNull();
  });

  it("does not recall an entry that does not fit what it must be", async () => {
    const store = recordingStore();
    await store.save("t1", { value: { topic: 42, version: 1 }, at: clock.now().getTime() });
    const memory = createConversationMemory({ clock, store, schema: topic });
    await memory.hydrate("t1");
    expect(memory.recall("t1")).toBeNull();
  });
});
