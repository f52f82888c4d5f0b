/**
 * A message read once: the one thing every reader takes. Built from the text
 * an adapter received (Slack, Telegram, CLI, terminal chat, the alert form):
 * chat markup taken out (markup.ts), the language layer applied
 * (language.ts), then lower-cased, with its numbers read (numbers.ts) and its
 * tokens and lemmas on first use (the English model takes ~0.5 s to load, so
 * a command that needs none never pays for it).
 */

import type { CalendarId } from "../language/calendars.js";
import { nameBack } from "../language/read.js";
import { type Token, tokenize } from "../questions/nlp.js";
import type { WorkspaceValues } from "../questions/workspace-values.js";
import { type LanguageCode, toCanonical } from "./language.js";
import { type ChannelMention, type TextEntity, unmark } from "./markup.js";
import { type NumberMention, type NumberStyle, readNumbers } from "./numbers.js";
import { expandShorthand } from "./shorthand.js";

/** Longer messages are cut: nobody types a request of this length. */
export const MAX_LENGTH = 500;

export interface Utterance {
  /** The message exactly as received. */
  readonly raw: string;
  /** Markup out, English-canonical, case kept (workspace values such as "Aino" are read on it). */
  readonly text: string;
  /** `text` in lower case: what the rules read. */
  readonly lower: string;
  readonly language: LanguageCode;
  /** Words a reader did not use, as the asker wrote them (a Finnish word, not its English). */
  said(words: readonly string[]): string[];
  /** The calendar the message's dates were named in (an answer names its range in it). */
  readonly calendar: CalendarId;
  /** Chats the message named (`<#C123|sales>`, `#sales`). */
  readonly channels: readonly ChannelMention[];
  /** Every number of `lower`, in order. */
  readonly numbers: readonly NumberMention[];
  /** Word tokens of `lower` with their lemmas, read on first use. */
  tokens(): readonly Token[];
}

export interface UtteranceOptions {
  /** Telegram's entities of the message (mentions, links, commands are dropped). */
  entities?: readonly TextEntity[];
  numbers?: NumberStyle;
  /** The workspace's values, for names written in another script. */
  values?: WorkspaceValues;
  /** The chat's or the person's language, when set (no detection). */
  language?: LanguageCode | null;
  /** The workspace-local date: native month names (آبان, ኅዳር) are the latest begun by then. */
  today?: string;
  /** The workspace's calendar, that relative words follow ("last month" in Tehran). */
  calendar?: CalendarId;
}

const plain = new Map<string, Utterance>();
/** Per workspace's values (one object per workspace for a minute): a name in another script reads by them. */
const byValues = new WeakMap<WorkspaceValues, Map<string, Utterance>>();

function cacheOf(values: WorkspaceValues | undefined): Map<string, Utterance> {
  if (!values) return plain;
  let cache = byValues.get(values);
  if (!cache) {
    cache = new Map();
    byValues.set(values, cache);
  }
  return cache;
}

/** The utterance of a message. Pure: the same text and options always give the same utterance. */
export function utter(raw: unknown, options: UtteranceOptions = {}): Utterance {
  const input = typeof raw === "string" ? raw : "";
  // The day, calendar and language set change what native dates and words read as.
  const key =
    options.entities || options.numbers
      ? null
      : `${options.today ?? ""}|${options.calendar ?? ""}|${options.language ?? ""}|${input}`;
  const cache = cacheOf(options.values);
  const known = key === null ? undefined : cache.get(key);
  if (known) return known;
  const { text: unmarked, channels } = unmark(
    input.slice(0, MAX_LENGTH).normalize("NFKC"),
    options.entities,
  );
  const canonical = toCanonical(unmarked, options);
  const { language } = canonical;
  const text = expandShorthand(canonical.text);
  const lower = text.toLowerCase();
  let tokens: readonly Token[] | null = null;
  const utterance: Utterance = {
    raw: input,
    text,
    lower,
    language,
    said: (words) => nameBack(words, { ...canonical, lang: language, english: text }),
    calendar: canonical.calendar,
    channels,
    numbers: readNumbers(lower, options.numbers),
    tokens: () => {
      tokens ??= tokenize(lower);
      return tokens;
    },
  };
  if (key !== null) {
    // A chat's recent messages are read again (follow-ups, the alert check before the
    // question): a small cache, cleared whole when full.
    if (cache.size > 256) cache.clear();
    cache.set(key, utterance);
  }
  return utterance;
}

/** A reader's input: an utterance, or a text read into one (tests, scripts). */
export const utteranceOf = (message: Utterance | string): Utterance =>
  typeof message === "object" && message !== null ? message : utter(message);
