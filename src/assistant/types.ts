/**
 * What adapters (Slack, Telegram, terminal) call, and what they get back.
 * An adapter turns a chat event into one of these calls and the Reply into
 * its platform's message; nothing else.
 */
import type { ChannelDirectory } from "../alerts/channels.js";
import type { AnswerJson, explainJson, listJson, resultsJson } from "../answers/json.js";
import type { InsightInterpretation } from "../insights/interpretation.js";
import type { DimensionId } from "../metrics/types.js";
import type { Interpretation } from "../questions/types.js";

export type Platform = "slack" | "telegram" | "terminal";

/** Who is asking, and where: access rules and PII rules read this. */
export interface Asker {
  workspaceId: string;
  platform: Platform;
  /** The platform's user id (Slack U123, Telegram user id). */
  userId: string;
  /** The platform's channel / chat id. */
  chatId: string;
  /** A direct message (Slack DM, Telegram private chat): the only place names of customers may go. */
  isDirect: boolean;
}

export interface AskInput {
  /** Follow-ups ("and by plan?") refine the last question of the same conversation: a Slack thread, a Telegram chat. */
  conversationId: string;
  text: string;
  asker: Asker;
  /** The platform's channels by name, where an alert may name one as "#sales" (Slack). */
  channels?: ChannelDirectory;
}

/** A command's text and who sent it: commands need no conversation. */
export type CommandInput = Pick<AskInput, "text" | "asker" | "channels">;

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  /** One sentence with the key numbers: Slack alt_text, Telegram caption fallback. */
  altText: string;
}

/** What a button under an answer does: the table, the definition, what drove the number, a breakdown. */
export type ActionId = "table" | "explain" | "why" | "breakdown";

/**
 * A button under a reply, as data: every adapter draws the same buttons from
 * these, and sends what pressing one returns where `result` says.
 */
export interface ReplyAction {
  id: ActionId;
  label: string;
  /** The answer it works on. */
  answerId: string;
  /** A choice made first (the dimensions to break down by); pressing without one offers them. */
  choices?: { value: DimensionId; label: string }[];
  /**
   * Where its reply goes: `replace`, in place of the message pressed (the same
   * answer shown another way); `follow`, after it, in its thread (a new answer).
   */
  result: "replace" | "follow";
}

/** Pressing a button: the action, the answer, and the choice made (a dimension). */
export interface ActionInput {
  id: ActionId;
  answerId: string;
  choice?: string | undefined;
}

export type Reply =
  | {
      kind: "answer";
      /** Names this answer for the buttons under it (table, explain, break down). */
      answerId: string;
      /** The answer as a sharp analyst would write it, plain text with no markup. */
      text: string;
      /** Formula with numerator and denominator: "churned customers / customers at start of period: 63 / 1,764". */
      footnote: string;
      /** The range in words: "October 2026". */
      rangeText: string;
      chart: ChartImage | null;
      /** The same data as a plain-text table, for accessibility and search. */
      table: string;
      /** Dimensions this metric can be broken down by, for a "Break down by..." menu. */
      breakdowns: { id: DimensionId; label: string }[];
      /** The buttons under the answer. */
      actions: ReplyAction[];
      /** The text is a table: shown in a fixed-width font (and as a file when long). */
      preformatted?: boolean;
      interpretation: Interpretation;
      /** The numbers themselves, as `pulse query --json` prints them; `results` when several metrics were asked. */
      data: AnswerJson & {
        results?: ReturnType<typeof resultsJson>;
      } & Partial<ReturnType<typeof explainJson>>;
    }
  | { kind: "help"; text: string; examples: string[] }
  | {
      kind: "unknown";
      text: string;
      suggestions: string[];
      /** How the question was read, when it was read at all (`pulse ask --json` prints it). */
      interpretation?: Interpretation;
    }
  /** Not allowed to see numbers here; the text says so politely. */
  | { kind: "refused"; text: string }
  /** Something broke; `errorId` is in the log with the details. */
  | { kind: "error"; text: string; errorId: string }
  /** The outcome of a command (alerts: "list alerts", "pause alert 3"). */
  | { kind: "notice"; text: string }
  /** A choice to make before an action runs ("Break down by:"): the action with its choices. */
  | { kind: "choose"; text: string; action: ReplyAction }
  /** A predictive answer (churn risk, profitability, complaint themes): text, and a chart when one fits. */
  | {
      kind: "insight";
      text: string;
      chart: ChartImage | null;
      table: string | null;
      interpretation: InsightInterpretation | Interpretation;
      /** Names of customers asked for outside a direct message: the adapter sends this to the asker's DM. */
      personal: string | null;
      /** A list's rows and total (intent `list`), as `pulse ask --json` prints them. */
      data?: ReturnType<typeof listJson>;
      /**
       * A long list as a CSV file, sent where its rows go: with `personal` to the
       * asker's direct messages, else (a direct message) in the conversation.
       */
      file?: { filename: string; csv: string; rows: number } | null;
    };

export interface Assistant {
  ask(input: AskInput): Promise<Reply>;
  /**
   * A new alert rule written where only a rule is expected (Slack's alert form):
   * read and checked as the same words typed in chat ("alert me when ..."); a
   * notice when the rule was created, else a refusal, an error, or `unknown`
   * saying what to write instead. Never answered as a question.
   */
  createAlert(input: CommandInput): Promise<Reply>;
  /**
   * What `ask` would say to the asker alone, known before anything is posted
   * where they asked: a refusal, or help. Null when the question is to be
   * asked (a chat platform then shows it, and its answer, to the room).
   */
  screen(input: CommandInput): Promise<Reply | null>;
  /** True when Pulse holds context for this conversation (it answered there recently), in any process. */
  knows(conversationId: string): Promise<boolean>;
  /** Definition, formula, numerator and denominator of an earlier answer. */
  explain(answerId: string, asker: Asker): Promise<Reply>;
  /** Why an earlier answer's number changed against its comparison (intent `explain`, the "Why?" button). */
  why(answerId: string, asker: Asker): Promise<Reply>;
  /** An earlier answer as a text table. */
  table(answerId: string, asker: Asker): Promise<Reply>;
  /** An earlier answer broken down by a dimension. */
  breakDown(answerId: string, dimension: DimensionId, asker: Asker): Promise<Reply>;
  /** A button pressed under an earlier reply (its `actions`); where the reply goes is the action's `result`. */
  act(action: ActionInput, asker: Asker): Promise<Reply>;
}
