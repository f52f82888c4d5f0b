/**
 * Chat markup taken out of a message in one place, so no reader ever sees it:
 * Slack mentions (`<@U024BE7LH>`), channel links (`<#C123|sales>`), links
 * (`<https://x|sheet>`, bare URLs), broadcasts (`<!here>`), `:emoji:` codes
 * and emoji, HTML escapes, Telegram bot names (`@PulseBot`, `/ask@PulseBot`),
 * curly quotes and code marks. None of it changes what a question means; the
 * channels named are kept aside, for an alert that posts there.
 */

/** A chat named in a message: `<#C123|sales>` (id and name) or `#sales` typed as text (name only). */
export interface ChannelMention {
  /** The platform's id when the chat sent one (Slack `C123`), else null. */
  id: string | null;
  /** The name without `#`, lower case, or null when only the id was sent. */
  name: string | null;
}

export interface Unmarked {
  /** The text without markup, case kept, spaces collapsed. */
  text: string;
  channels: ChannelMention[];
}

/** A Telegram message entity (https://core.telegram.org/bots/api#messageentity), offsets in UTF-16 units. */
export interface TextEntity {
  type: string;
  offset: number;
  length: number;
}

/** Entities whose text carries no meaning for a reader: who is addressed, links, commands. */
const droppedEntities = new Set([
  "mention",
  "text_mention",
  "url",
  "email",
  "phone_number",
  "bot_command",
  "cashtag",
  "hashtag_bot",
]);

/** Blanks the text of Telegram entities that carry no meaning (mentions, links, commands). */
function withoutEntities(text: string, entities: readonly TextEntity[]): string {
  let out = text;
  for (const e of [...entities].sort((a, b) => b.offset - a.offset)) {
    if (!droppedEntities.has(e.type)) continue;
    out = `${out.slice(0, e.offset)} ${out.slice(e.offset + e.length)}`;
  }
  return out;
}

const emojiCode = /:(?=[\w+'-]*[a-z])[\w+'-]+:(?::skin-tone-\d:)?/gi;
const pictograph = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;

export function unmark(raw: string, entities: readonly TextEntity[] = []): Unmarked {
  const channels: ChannelMention[] = [];
  const text = withoutEntities(raw, entities)
    // Slack's own escapes first, so "&lt;" typed by a person stays a "<".
    .replace(/<#([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_, id: string, name?: string) => {
      channels.push({ id: id.toUpperCase(), name: name ? name.toLowerCase() : null });
      return name ? ` #${name} ` : ` #${id} `;
    })
    .replace(/<[@!][^>]*>/g, " ")
    .replace(/<(?:https?|mailto|tel):[^>]*>/gi, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\b(?:https?:\/\/|www\.)[^\s<>]+/gi, " ")
    // "/ask@PulseBot revenue": the command names the bot, not the question.
    .replace(/^\s*\/\w+(?:@\w+)?(?=\s|$)/, " ")
    .replace(/(^|[\s(])@\w*bot\b/gi, "$1 ")
    .replace(emojiCode, " ")
    .replace(pictograph, " ")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A\u00B4]/g, "'")
    .replace(/```|`/g, " ")
    // *bold*, _italic_, ~strike~ around words: the marks go, the words stay.
    .replace(/(^|\s)[*_~]+(?=\S)([^*_~\n]*?\S)[*_~]+(?=$|[\s.,!?;:])/g, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
  for (const m of text.matchAll(/(?:^|\s)#([a-z][\w-]*)/gi)) {
    const name = m[1]!.toLowerCase();
    if (!channels.some((c) => c.name === name || c.id === m[1])) channels.push({ id: null, name });
  }
  return { text, channels };
}
