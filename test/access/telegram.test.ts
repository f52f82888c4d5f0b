/**
 * Access in Telegram, over HTTP against the fake Bot API: with no rule the
 * team side answers nobody; a one-time code sent with /setup allows its
 * sender (and the group it was sent in); a user rule never opens a group.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSetupCode } from "../../src/access/setup-codes.js";
import type { FakeTelegram, TelegramCall } from "../fakes/telegram-api.js";
import { startTelegramHarness, type TelegramHarness } from "../support/telegram-harness.js";

let messageId = 0;
const privateChat = (id: number) => ({ id, type: "private", first_name: "Ann" });
const group = (id: number) => ({ id, type: "group", title: "Team" });
const message = (text: string, chat: { id: number }, from: number) => ({
  message: {
    message_id: ++messageId,
    date: 1,
    chat,
    from: { id: from, is_bot: false, first_name: "Ann" },
    text,
    ...(text.startsWith("/")
      ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
      : {}),
  },
});

describe("access in Telegram", () => {
  let harness: TelegramHarness;
  let fake: FakeTelegram;
  const sentTo = (chatId: number) =>
    fake.calls.filter(
      (c: TelegramCall) =>
        (c.method === "sendMessage" || c.method === "sendPhoto") &&
        String(c.params.chat_id) === String(chatId),
    );
  const send = async (text: string, chat: { id: number }, from: number) => {
    const before = sentTo(chat.id).length;
    fake.pushUpdate(message(text, chat, from));
    await fake.waitFor(() => sentTo(chat.id).length > before);
    return sentTo(chat.id).at(-1)!;
  };
  const code = async () => (await createSetupCode(harness.pulse.db, "shop", new Date())).code;

  beforeAll(async () => {
    harness = await startTelegramHarness();
    fake = harness.fake;
  });
  afterAll(() => harness?.close());
  beforeEach(() => {
    fake.calls.length = 0;
  });

  it("with no Telegram rule nobody gets numbers, in a private chat or a group", async () => {
    const inPrivate = await send("revenue last month", privateChat(901), 901);
    expect(inPrivate.params.text).toContain("not shared");
    expect(inPrivate.params.text).not.toMatch(/\d/);
    const inGroup = await send("@pulse_test_bot revenue last month", group(-901), 901);
    expect(inGroup.params.text).not.toMatch(/\d/);
  });

  it("/setup with a printed code allows its sender, once", async () => {
    const setup = await code();
    expect(setup).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect((await send(`/setup ${setup}`, privateChat(902), 902)).params.text).toContain("Done");
    const answer = await send("revenue last month", privateChat(902), 902);
    expect(answer.method).toBe("sendPhoto");
    expect(String(answer.params.caption)).toContain("Revenue");
    const again = await send(`/setup ${setup}`, privateChat(903), 903);
    expect(again.params.text).toContain("not valid");
    expect((await send("revenue last month", privateChat(903), 903)).params.text).toContain(
      "not shared",
    );
  });

  it("a wrong code allows nobody", async () => {
    expect((await send("/setup ABCDE-FGHJK", privateChat(904), 904)).params.text).toContain(
      "not valid",
    );
  });

  it("/setup in a group allows the group and its sender; the sender's rule opens no other group", async () => {
    await send(`/setup ${await code()}`, group(-905), 905);
    const inGroup = await send("@pulse_test_bot revenue last month", group(-905), 906);
    expect(String(inGroup.params.caption)).toContain("Revenue");
    const elsewhere = await send("@pulse_test_bot revenue last month", group(-906), 905);
    expect(elsewhere.params.text).toContain("not shared");
    expect(elsewhere.params.text).not.toMatch(/\d/);
  });
});
