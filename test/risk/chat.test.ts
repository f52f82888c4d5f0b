/** Churn risk asked in chat: the list of names only in a direct message, counts elsewhere. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createAssistant } from "../../src/assistant/assistant.js";
import type { Asker, Assistant } from "../../src/assistant/types.js";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import { createConversations } from "../../src/questions/follow-ups.js";
import { loadChurnModel } from "../../src/risk/model-store.js";
import { ensureWorkspace } from "../../src/workspace/workspace.js";
import { everyoneAllowed } from "../support/access.js";
import { drivers } from "../support/databases.js";
import { loadPlanted, plantedNow, plantedWorkspace } from "../support/planted-churn.js";

const inChannel: Asker = {
  workspaceId: plantedWorkspace,
  platform: "slack",
  userId: "U1",
  chatId: "C1",
  isDirect: false,
};
const inDm: Asker = { ...inChannel, chatId: "D1", isDirect: true };

describe.each(drivers)("churn risk in chat on $name", (driver) => {
  let db: Database;
  let assistant: Assistant;
  const clock = fixedClock(plantedNow);
  beforeAll(async () => {
    db = await driver.open();
    await loadPlanted(db);
    assistant = createAssistant({
      access: everyoneAllowed,
      db,
      clock,
      logger: createLogger("silent"),
      conversations: createConversations({ clock }),
      charts: false,
    });
  }, 60_000);
  afterAll(() => db.close());

  const ask = (text: string, asker: Asker) =>
    assistant.ask({ conversationId: asker.chatId, text, asker });

  it("trains the model on demand the first time and keeps it", async () => {
    const reply = await ask("which customers are at risk?", inChannel);
    expect(reply.kind).toBe("insight");
    expect(reply.text).toContain("trained the model just now");
    expect(await loadChurnModel(db, plantedWorkspace)).not.toBeNull();
  });

  it("gives counts only in a channel and says the list goes to direct messages", async () => {
    const reply = await ask("which customers are at risk?", inChannel);
    expect(reply.kind).toBe("insight");
    expect(reply.text).toMatch(/\d+ of \d+ active customers are at risk/);
    expect(reply.text).toContain("direct message");
    expect(reply.text).not.toMatch(/Customer [FL]\d{4}|\b[FL]\d{4}\b/);
  });

  it("lists the riskiest customers by name with probability and reasons in a direct message", async () => {
    const reply = await ask("Which customers are most likely to churn?", inDm);
    expect(reply.kind).toBe("insight");
    const lines = reply.text.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^1\. Customer F\d{4} \(F\d{4}\), \d+%: .+/);
  });

  it("breaks the average risk down by plan, the planted fragile plan highest", async () => {
    const reply = await ask("churn risk by plan", inChannel);
    expect(reply.kind).toBe("insight");
    expect(reply.text).toContain("highest for basic");
    if (reply.kind === "insight") expect(reply.table).toContain("pro");
  });

  it("breaks the average risk down by RFM segment", async () => {
    const reply = await ask("churn risk by segment", inChannel);
    expect(reply.kind).toBe("insight");
    expect(reply.text).toMatch(
      /Average predicted 90-day churn risk by segment: highest for [a-z ]+ at/,
    );
  });

  it("says which dimensions churn risk has when asked for another", async () => {
    const reply = await ask("churn risk by age group", inChannel);
    expect(reply.kind).toBe("unknown");
    expect(reply.text).toContain("plan, channel, country, segment");
  });

  it("says what history is missing when there is too little to train on", async () => {
    await ensureWorkspace(db, "empty");
    const reply = await ask("which customers are at risk?", { ...inDm, workspaceId: "empty" });
    expect(reply.kind).toBe("unknown");
    expect(reply.text).toContain("cannot be trained yet: there are no customers");
    expect(reply.text).toContain("pulse model train");
  });

  it("retrains a model over 30 days old when it is next used", async () => {
    const later = new Date(plantedNow.getTime() + 31 * 86_400_000);
    clock.set(later);
    const reply = await ask("churn risk by channel", inChannel);
    expect(reply.text).toContain("trained the model just now");
    expect((await loadChurnModel(db, plantedWorkspace))?.trainedAt).toEqual(later);
  });
});
