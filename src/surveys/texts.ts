/**
 * Every text a customer sees, per locale (one module each under messages/),
 * falling back to English key by key. "{business}" is replaced by the
 * business name; a wording file can override any key for any locale.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { am } from "./messages/am.js";
import { en } from "./messages/en.js";
import { fa } from "./messages/fa.js";
import { fi } from "./messages/fi.js";
import { hy } from "./messages/hy.js";
import { ka } from "./messages/ka.js";

export interface SurveyTexts {
  npsQuestion: string;
  /** Under the 0-10 buttons: what the ends of the scale mean. */
  npsScale: string;
  csatQuestion: string;
  /** Five answers, 1 (worst) to 5. */
  csatOptions: readonly string[];
  cesQuestion: string;
  /** Seven answers, 1 (very difficult) to 7 (very easy). */
  cesOptions: readonly string[];
  /** After the first answer in Telegram: the follow-up question, answered by replying to it. */
  followUp: string;
  /** The same question as the label of Slack's comment form. */
  commentQuestion: string;
  /** A message beside the follow-up question rather than a reply to it. */
  replyToComment: string;
  thanksForComment: string;
  /** The toast after a tap; "{score}" is the score. */
  answerRecorded: string;
  answerLocked: string;
  linked: string;
  linkInvalid: string;
  /** A deep link another chat used first. */
  linkUsed: string;
  linkExpired: string;
  /** The ten digits 0-9 as the locale writes them (Persian ۰-۹), for scores on buttons and in texts. */
  digits: string;
  optedOut: string;
  optedIn: string;
  /** /stop in a chat that is no customer's. */
  notLinked: string;
  /** The /stop entry of the command menu in a customer's chat. */
  stopCommand: string;
  /** What a linked customer gets for a message that is not an answer. */
  onlySurveys: string;
  /** /help in a customer's chat: what the chat is for and how to stop surveys. */
  customerHelp: string;
  /** Slack: the button that opens the comment form, and the form's title and button. */
  addComment: string;
  commentTitle: string;
  send: string;
}

/** A whole number in the locale's own digits ("۱۰" in Persian). */
export function localDigits(n: number, texts: Pick<SurveyTexts, "digits">): string {
  const digits = [...texts.digits];
  return String(n).replace(/\d/g, (d) => digits[Number(d)] ?? d);
}

export const locales = { en, fi, hy, ka, am, fa } as const;
export type Locale = keyof typeof locales;

/** The locale of a language tag ("fi-FI", "fa", "pt-BR"), or en when we have no texts for it. */
export function localeOf(tag: string | null | undefined): Locale {
  const language = (tag ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return language in locales ? (language as Locale) : "en";
}

const overridesSchema = z.record(z.string(), z.record(z.string(), z.string()));
export type WordingOverrides = Record<string, Partial<Record<keyof SurveyTexts, string>>>;

/** Reads a wording file ({ "<locale>": { "<key>": "text" } }); unknown keys are refused by name. */
export function readWordingFile(path: string): WordingOverrides {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(
      `SURVEY_TEXTS_FILE: cannot read ${path} as JSON (${(error as Error).message})`,
    );
  }
  const result = overridesSchema.safeParse(parsed);
  if (!result.success)
    throw new ConfigError(`SURVEY_TEXTS_FILE: expected { "<locale>": { "<key>": "text" } }`);
  for (const [locale, texts] of Object.entries(result.data))
    for (const key of Object.keys(texts))
      if (!(key in en)) throw new ConfigError(`SURVEY_TEXTS_FILE: ${locale}.${key} is not a text`);
  return result.data as WordingOverrides;
}

export interface Wording {
  for(locale: string | null | undefined): SurveyTexts;
}

export function createWording(businessName: string, overrides: WordingOverrides = {}): Wording {
  const fill = (text: string) => text.replaceAll("{business}", businessName);
  const cache = new Map<Locale, SurveyTexts>();
  return {
    for(tag) {
      const locale = localeOf(tag);
      let texts = cache.get(locale);
      if (!texts) {
        const merged = {
          ...en,
          ...overrides.en,
          ...locales[locale],
          ...overrides[locale],
        } as SurveyTexts;
        texts = Object.fromEntries(
          Object.entries(merged).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.map(fill) : fill(v as string),
          ]),
        ) as unknown as SurveyTexts;
        cache.set(locale, texts);
      }
      return texts;
    },
  };
}
