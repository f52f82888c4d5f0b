/**
 * Names of customers are personal data: asked in a Telegram group, the
 * at-risk list goes to the asker's private chat and the group gets counts;
 * when the asker never started a private chat, the group is told how to.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "../fakes/telegram-api.js";
import { loadPlanted, plantedNow, plantedWorkspace } from "../support/planted-churn.js";
import { startTelegramHarness, type TelegramHarness } from "../support/telegram-harness.js";

const group = { id: -3003, type: "group", title: "Team" };
const from = { id: 601, is_bot: false, first_name: "Ann" };
let messageId = 0;
const mention = (text: string) => ({
  message: { message_id: ++messageId, date: 1, chat: group, from, text: `@pulse_test_bot ${text}` },
});

describe("personal data in Telegram", () => {
  let harness: TelegramHarness;
  let fake: FakeTelegram;
  const textsTo = (chatId: number) =>
    fake.calls
      .filter((c) => c.method === "sendMessage" && Number(c.params.chat_id) === chatId)
      .map((c) => String(c.params.text));

  beforeAll(async () => {
    harness = await startTelegramHarness({
      env: { PULSE_WORKSPACE: plantedWorkspace },
      now: plantedNow,
      allow: [
        { platform: "telegram", kind: "chat", subject: String(group.id) },
        { platform: "telegram", kind: "user", subject: String(from.id) },
      ],
    });
    fake = harness.fake;
    await loadPlanted(harness.pulse.db);
  }, 60_000);
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("a group gets the counts and the asker's private chat the list", async () => {
    fake.pushUpdate(mention("which customers are at risk?"));
    await fake.waitFor(() => textsTo(from.id).length === 1, 60_000);
    expect(textsTo(from.id)[0]).toMatch(/\b[FL]\d{4}\b/);
    const inGroup = textsTo(group.id).join("\n");
    expect(inGroup).toMatch(/\d+ of \d+ active customers are at risk/);
    expect(inGroup).toContain("sent the list to you in a direct message");
    expect(inGroup).not.toMatch(/\b[FL]\d{4}\b/);
  }, 60_000);

  it("an asker who never started a private chat is told how, and the group still gets no names", async () => {
    fake.fail({
      match: (call) => call.method === "sendMessage" && Number(call.params.chat_id) === from.id,
      errorCode: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    fake.pushUpdate(mention("which customers are at risk?"));
    await fake.waitFor(() => textsTo(group.id).some((t) => t.includes("press Start")), 60_000);
    expect(textsTo(group.id).join("\n")).not.toMatch(/\b[FL]\d{4}\b/);
  }, 60_000);

  it("a long list asked in a group: its rows and a CSV document go to the asker's private chat only", async () => {
    fake.pushUpdate(mention("top 30 customers by revenue last year"));
    await fake.waitFor((calls) => calls.some((c) => c.method === "sendDocument"), 60_000);
    const documents = fake.calls.filter((c) => c.method === "sendDocument");
    expect(documents.map((c) => Number(c.params.chat_id))).toEqual([from.id]);
    expect(documents[0]!.files).toEqual(["document"]);
    const csv = String(documents[0]!.params.document);
    expect(csv.trim().split("\n")).toHaveLength(31);
    expect(csv.startsWith("rank,id,name,value")).toBe(true);
    expect(textsTo(group.id).join("\n")).not.toMatch(/\b[FL]\d{4}\b/);
  }, 60_000);

  it("a long list asked in the private chat comes there with its CSV document", async () => {
    const chat = { id: from.id, type: "private", first_name: "Ann" };
    fake.pushUpdate({
      message: {
        message_id: ++messageId,
        date: 1,
        chat,
        from,
        text: "top 30 customers by revenue last year",
      },
    });
    await fake.waitFor((calls) => calls.some((c) => c.method === "sendDocument"), 60_000);
    expect(textsTo(from.id).join("\n")).toMatch(/\b[FL]\d{4}\b/);
    const document = fake.calls.find((c) => c.method === "sendDocument")!;
    expect(Number(document.params.chat_id)).toBe(from.id);
  }, 60_000);
});
