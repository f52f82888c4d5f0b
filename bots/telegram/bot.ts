/**
 * The Telegram adapter for the team: `/ask <question>`, or plain messages in a
 * private chat, or a mention in a group, answered with the chart as a photo
 * and the answer as its caption; buttons for the table, the explanation and a
 * breakdown. The chat is the conversation, so follow-ups work.
 */
import { sequentialize } from "@grammyjs/runner";
import { Api, Bot, Composer, type Context, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { redeemSetupCode } from "../../src/access/setup-codes.js";
import { resultOf } from "../../src/assistant/actions.js";
import type { ActionId } from "../../src/assistant/types.js";
import { ConfigError } from "../../src/errors.js";
import type { Pulse } from "../../src/pulse.js";
import { createRateLimiter, type RateLimiter } from "../../src/surveys/rate-limit.js";
import { startSurveyDelivery } from "../../src/surveys/runner.js";
import { telegramLimits } from "../../src/surveys/transport.js";
import { opsHandler } from "../ops/routes.js";
import type { RunningAdapter } from "../serve.js";
import { alertButtons } from "./alert-buttons.js";
import { meteredCalls } from "./api-telemetry.js";
import { askerOf } from "./asker.js";
import { type Background, createBackground } from "./background.js";
import { detractorReplies } from "./detractor-replies.js";
import { limitOutgoing } from "./outgoing.js";
import { type Polling, startPolling } from "./polling.js";
import { press } from "./press.js";
import { reachTelegram } from "./reach.js";
import {
  CALLBACK,
  CHOICE,
  replaceReply,
  sendPersonal,
  sendReply,
  withChoices,
  withoutChoices,
} from "./reply.js";
import { telegramSurveyTransport } from "./survey-transport.js";
import { customerSurveys } from "./surveys.js";
import { startWebhookServer } from "./webhook.js";

const commands = [
  { command: "ask", description: "Ask about your business: /ask what was churn last month?" },
  { command: "help", description: "What you can ask" },
];

function questions(pulse: Pulse): Composer<Context> {
  const feature = new Composer<Context>();
  const ask = async (ctx: Context, text: string) => {
    await ctx.replyWithChatAction("typing");
    const reply = await pulse.assistant.ask({
      conversationId: `tg:${ctx.chat!.id}`,
      text,
      asker: askerOf(ctx, pulse),
    });
    await sendReply(ctx, reply);
    await sendPersonal(ctx, reply);
  };
  feature.command("setup", async (ctx) => {
    const asker = askerOf(ctx, pulse);
    const rules = await redeemSetupCode(pulse.db, {
      workspaceId: pulse.workspaceId,
      platform: "telegram",
      userId: asker.userId,
      where: asker,
      code: ctx.match,
      now: pulse.clock.now(),
    });
    await ctx.reply(
      !rules
        ? "That setup code is not valid: it is wrong, used already or more than an hour old. Print a new one with `pulse access setup-code`."
        : asker.isDirect
          ? "Done: you may ask me about the business here. Add groups with `pulse access allow telegram chat ID` or by sending /setup with a new code in the group."
          : "Done: this group may see numbers, and you may ask me in a private chat too. Customer lists go to each asker's private chat.",
    );
  });
  feature.command("ask", (ctx) => ask(ctx, ctx.match || "help"));
  feature.command(["help", "start"], (ctx) => ask(ctx, "help"));
  feature.on("message:text", async (ctx) => {
    const text = ctx.message.text;
    if (ctx.chat.type === "private") return ask(ctx, text);
    // In groups Pulse answers when mentioned, so it does not read every conversation.
    const mention = `@${ctx.me.username}`;
    if (text.includes(mention)) return ask(ctx, text.replace(mention, " ").trim());
  });
  return feature;
}

/** Callback codes back to the core's action ids. */
const actionByCode = new Map(
  Object.entries(CALLBACK).map(([id, code]) => [code, id as ActionId] as const),
);

/**
 * The buttons under an answer (the core's Reply `actions`): the answer shown
 * another way replaces the message pressed (editMessageText or its caption);
 * a new answer is sent as a reply to it; a choice to make ("Break down by…")
 * is offered under the message's own buttons (editMessageReplyMarkup); what
 * concerns the presser alone is the callback query's answer (press.ts).
 */
function buttons(pulse: Pulse): Composer<Context> {
  const feature = new Composer<Context>();
  const codes = [...actionByCode.keys()].join("");
  const pressed = new RegExp(`^([${codes}]):([^:]+)$|^${CHOICE}:([^:]+):(\\w+)$`);
  feature.callbackQuery(pressed, async (ctx) => {
    const [, code, pressedId, chosenId, choice] = ctx.match as RegExpMatchArray;
    const id = code ? actionByCode.get(code)! : "breakdown";
    const answerId = (pressedId ?? chosenId)!;
    const message = ctx.callbackQuery.message;
    const markup = message && "reply_markup" in message ? message.reply_markup : undefined;
    const reply = await press(ctx, pulse.logger, () =>
      pulse.assistant.act({ id, answerId, choice }, askerOf(ctx, pulse)),
    );
    // Told the presser alone (the answer is gone, not allowed here): the chat is left as it was.
    if (!reply) return;
    if (reply.kind === "choose") {
      await ctx.editMessageReplyMarkup({ reply_markup: withChoices(markup, reply.action) });
      return;
    }
    if (choice !== undefined)
      await ctx.editMessageReplyMarkup({ reply_markup: withoutChoices(markup) });
    if (resultOf(id) === "replace" && (await replaceReply(ctx, reply))) return;
    await sendReply(ctx, reply, message ? { replyTo: message.message_id } : {});
  });
  return feature;
}

export interface TelegramBotOptions {
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
  /** The limiter every send goes through; share it with the survey sender. */
  limiter?: RateLimiter;
  /** Where work off an update's path runs (a tap's follow-up); wait for it before stopping. */
  background?: Background;
}

/** The bot with its features and one error boundary. */
export function createTelegramBot(pulse: Pulse, options: TelegramBotOptions = {}): Bot {
  const config = pulse.config.telegram;
  if (!config.enabled) throw new Error("Telegram is not configured (TELEGRAM_BOT_TOKEN)");
  const bot = new Bot(config.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: config.apiRoot ? { apiRoot: config.apiRoot } : {},
  });
  bot.api.config.use(meteredCalls(pulse.telemetry));
  bot.api.config.use(
    limitOutgoing(options.limiter ?? createRateLimiter(telegramLimits), pulse.logger),
  );
  // Updates are handled concurrently (the runner), one at a time within a chat (or a voter's polls).
  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));
  bot.use(customerSurveys(pulse, options.background ?? createBackground(pulse.logger)));
  bot.use(detractorReplies(pulse));
  bot.use(questions(pulse));
  bot.use(buttons(pulse));
  bot.use(alertButtons(pulse));
  bot.catch((error) => {
    pulse.logger.error(
      { err: error.error, update: error.ctx.update.update_id },
      "Telegram update failed",
    );
  });
  return bot;
}

/**
 * Starts the bot (long polling, or a webhook server when TELEGRAM_WEBHOOK_URL
 * is set) and the survey sender; `stop` lets the update and the prompt in hand finish.
 */
export async function startTelegram(pulse: Pulse): Promise<RunningAdapter> {
  const config = pulse.config.telegram;
  if (!config.enabled) throw new Error("Telegram is not configured (TELEGRAM_BOT_TOKEN)");
  const limiter = createRateLimiter(telegramLimits);
  const background = createBackground(pulse.logger);
  const bot = createTelegramBot(pulse, { limiter, background });
  await reachTelegram(bot, config);
  await bot.api.setMyCommands(commands);
  // Prompts leave through an Api of their own (the engine handles their 429s), under the same limiter.
  const surveyApi = new Api(config.token, config.apiRoot ? { apiRoot: config.apiRoot } : {});
  surveyApi.config.use(meteredCalls(pulse.telemetry));
  const delivery = await startSurveyDelivery(pulse, telegramSurveyTransport(surveyApi), {
    limiter,
  });
  // A failure from here on (Telegram refusing the webhook) stops what started, so the process can end.
  let receiving: { close(): Promise<void> } | null = null;
  let polling: Polling | null = null;
  try {
    if (config.delivery.mode === "webhook") {
      const { url, secret, port } = config.delivery;
      const server = await startWebhookServer(bot, {
        port,
        path: new URL(url).pathname,
        secret,
        logger: pulse.logger,
        ...(pulse.config.ops.on === "telegram" ? { alsoServe: opsHandler(pulse) } : {}),
      });
      receiving = server;
      await bot.api.setWebhook(url, { secret_token: secret }).catch((error: unknown) => {
        throw error instanceof GrammyError
          ? new ConfigError(
              `TELEGRAM_WEBHOOK_URL: Telegram refused the webhook ${url} (${error.error_code} ${error.description}); it must be a public HTTPS address that reaches this process`,
            )
          : error;
      });
    } else {
      // A webhook left by an earlier run in webhook mode makes Telegram refuse every getUpdates (409).
      await bot.api.deleteWebhook();
      const started = await startPolling(bot, pulse);
      polling = started;
      receiving = { close: () => started.stop() };
    }
  } catch (error) {
    await delivery.stop();
    await receiving?.close();
    throw error;
  }
  const started = receiving;
  const poller = polling;
  return {
    health: () => ({
      ok: true,
      detail:
        poller === null
          ? "webhook"
          : poller.polling()
            ? "polling"
            : "standing by: another process polls",
    }),
    async stop() {
      await delivery.stop();
      await started.close();
      // Follow-ups of the last taps handled.
      await background.idle();
    },
  };
}
