/**
 * The assistant every adapter talks to: a question in, a reply out. It reads
 * the question in the context of its conversation, computes the answer,
 * draws the chart, and keeps the answer so its buttons work later.
 */

import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import type { ChartData } from "../../charts/index.js";
import type { Database } from "../../db/client.js";
import { type Access, directMessagesOf } from "../access/access.js";
import { chartDataOf, chartImage, chartTable, multiplesChartData } from "../answers/chart.js";
import { CSV_ABOVE_ROWS, listCsv } from "../answers/csv.js";
import { explainChartData, explainText } from "../answers/explain-answer.js";
import { forecastChart, forecastJson, forecastText } from "../answers/forecast-answer.js";
import { rangeText } from "../answers/format.js";
import { answerJson, explainJson, listJson, resultsJson } from "../answers/json.js";
import { listText } from "../answers/list-answer.js";
import { filtersText, unusedText } from "../answers/restate.js";
import { answerText } from "../answers/text.js";
import type { Clock } from "../clock.js";
import { TooManyPeriodsError, UnsupportedDimensionError, UnsupportedListError } from "../errors.js";
import { runExplain } from "../explain/explain.js";
import { InsufficientHistoryError } from "../forecast/forecast.js";
import { forecastMetric, type MetricForecast } from "../forecast/metric-forecast.js";
import { createInsightConversations } from "../insights/follow-ups.js";
import { insightReply } from "../insights/reply.js";
import { type Speech, speakerOf, speechOf } from "../language/speech.js";
import { runListQuery } from "../lists/list.js";
import type { Logger } from "../logger.js";
import { addDays, addMonths, startOf } from "../metrics/calendar.js";
import { dimensions } from "../metrics/dimensions.js";
import { emptySources, noDataText } from "../metrics/no-data.js";
import { type MetricResult, type QueryContext, runMetricQuery } from "../metrics/query.js";
import { getMetric } from "../metrics/registry.js";
import { runMetricQueries } from "../metrics/several.js";
import type { DimensionId } from "../metrics/types.js";
import type { ConversationStore } from "../questions/conversation-memory.js";
import type { Conversations } from "../questions/follow-ups.js";
import { helpExamples, helpText } from "../questions/help-text.js";
import {
  type ExplainAsk,
  type ForecastAsk,
  interpretationOf,
  type ListAsk,
  type MetricAsk,
  measuredMetric,
  type Query,
  type UnknownAsk,
  unknownQuery,
} from "../questions/query.js";
import { asksForHelp } from "../questions/understand.js";
import { workspaceValues } from "../questions/workspace-values.js";
import { utter } from "../reading/utterance.js";
import { getWorkspace, localDate, type Workspace } from "../workspace/workspace.js";
import { actionOf, answerActions } from "./actions.js";
import { type AnsweredQuery, loadAnswer, saveAnswer } from "./answer-store.js";
import type {
  ActionInput,
  Asker,
  AskInput,
  Assistant,
  ChartImage,
  CommandInput,
  Reply,
} from "./types.js";

export interface AssistantDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  conversations: Conversations;
  /** Where follow-ups of each kind outlive the process; in memory only when absent. */
  conversationStore?: (kind: string) => ConversationStore;
  /** Who may see what, where (src/access): required, so no assistant is built that shows everyone everything. */
  access: Pick<Access, "may">;
  /** Draw charts (off in `pulse ask` without a chart and in some tests). */
  charts?: boolean;
  /** Answers computed at once; the rest wait their turn (default: one per core). */
  concurrency?: number;
  /** Commands read before questions (survey reports); null lets the question through. */
  commands?: { handle(input: AskInput): Promise<Reply | null> };
  /** Alert commands (src/alerts/chat-commands.ts), read after `commands` and before questions. */
  alerts?: {
    handle(input: CommandInput): Promise<Reply | null>;
    /** A text where only a new rule is expected: a notice when it was created. */
    create(input: CommandInput): Promise<Reply>;
  };
}

const refusal =
  "Sorry, metrics are not shared in this conversation. Ask a Pulse admin to allow this channel or your account.";
const refused: Reply = { kind: "refused", text: refusal };
const helpReply: Reply = { kind: "help", text: helpText(), examples: helpExamples };

/** What an answer is computed for: the workspace read once per question, and the id of an earlier answer it recomputes. */
interface AnswerOptions {
  answerId?: string | undefined;
  workspace: Workspace;
  /** False when the reply shows no chart (the definition, the table): none is drawn. */
  chart?: boolean;
  /** The asker's language, digits and calendar (English when absent). */
  speech?: Speech;
}

/** The query context of a workspace, its churn window included (the queries need not read it again). */
const contextOf = (workspace: Workspace): QueryContext => ({
  workspaceId: workspace.id,
  timezone: workspace.timezone,
  churnAfterDays: workspace.churnAfterDays,
});

/** A question not answered: what was not understood first, then what may have been meant. */
function unknownReply(query: UnknownAsk, speech?: Speech): Reply {
  const speaker = speakerOf(speech, "USD");
  // In the asker's language first: what was not understood, named as they wrote it.
  const said = speaker
    ? `${speaker.unused(query.unused) ?? ""} ${speaker.messages.notAnswered} `.trimStart()
    : "";
  const lead = said + (query.reason ?? "I did not understand that.");
  const unused =
    !query.reason && query.unused.length > 0
      ? ` I do not know ${query.unused.map((w) => `"${w}"`).join(", ")}.`
      : "";
  const offer =
    query.suggestions.length > 0
      ? ` Did you mean: ${query.suggestions.join("; ")}?`
      : ' Try "help" to see what I can answer.';
  return {
    kind: "unknown",
    text: `${lead}${unused}${offer}`,
    suggestions: query.suggestions,
    interpretation: interpretationOf(query),
  };
}

/** An intent the pipeline read that this conversation does not answer: said as such, never answered as another question. */
function notAnswered(query: Query): Reply {
  return {
    kind: "unknown",
    text: 'I cannot answer that here. Try "help" to see what I can answer.',
    suggestions: [],
    interpretation: interpretationOf(query),
  };
}

/** A follow-up the last insight cannot take: the reason, read as a follow-up of that insight. */
const cannotFollow = (reason: string): Reply => ({
  kind: "unknown",
  text: reason,
  suggestions: [],
  interpretation: { ...interpretationOf(unknownQuery([])), intent: "insight" },
});

/** A question read but not answerable as asked (a dimension or list the data lacks): the error says why. */
function cannotAnswer(error: Error, query: Query): Reply {
  return {
    kind: "unknown",
    text: error.message,
    suggestions: [],
    interpretation: interpretationOf(query),
  };
}

export function createAssistant(deps: AssistantDeps): Assistant {
  const { db, logger } = deps;
  const drawCharts = deps.charts ?? true;
  const insights = createInsightConversations({
    clock: deps.clock,
    ...(deps.conversationStore ? { store: deps.conversationStore("insight") } : {}),
  });
  // Twenty answers interleaved on one event loop all finish late, and every new request
  // (a Slack ack is due within 3 s) waits behind their work; a few at a time finish in order.
  const limit = pLimit(deps.concurrency ?? availableParallelism());

  /** Whether the asker's direct messages may get personal data (customer lists asked for elsewhere). */
  const mayReceiveDirect = async (asker: Asker): Promise<boolean> =>
    asker.isDirect || (await deps.access.may(asker, directMessagesOf(asker), "personal")).allowed;

  const failure = (error: unknown, what: string): Reply => {
    const errorId = randomBytes(4).toString("hex");
    logger.error({ err: error, errorId }, `${what} failed`);
    return {
      kind: "error",
      text: `Sorry, something went wrong on my side (error ${errorId}). Please try again.`,
      errorId,
    };
  };

  /** Recent history for the sparkline of a single value: the 12 months up to the range's end. */
  const sparklineFor = (query: MetricAsk, workspace: Workspace) => {
    const to = query.range.to;
    const from = addMonths(startOf(to, "month"), -12);
    return runMetricQuery(
      db,
      { metric: query.metrics[0], from, to, grain: "month" },
      contextOf(workspace),
    );
  };

  async function forecastAnswer(
    query: ForecastAsk,
    asker: Asker,
    { answerId, workspace, chart: withChart = true }: AnswerOptions,
  ): Promise<Reply> {
    const metric = getMetric(query.metric);
    const grain = query.horizon.unit;
    let forecast: MetricForecast;
    try {
      forecast = await forecastMetric(db, contextOf(workspace), {
        metric: metric.id,
        grain,
        horizon: query.horizon.n,
        today: localDate(deps.clock.now(), workspace.timezone),
      });
    } catch (error) {
      if (error instanceof InsufficientHistoryError) {
        return {
          kind: "unknown",
          text: `Not enough history to forecast ${metric.label} by ${grain}: ${error.message}`,
          suggestions: [`${metric.label} by ${grain}`],
        };
      }
      throw error;
    }
    const text = forecastText(forecast, workspace.currency, query.range.to);
    const title = `${metric.label.charAt(0).toUpperCase()}${metric.label.slice(1)} forecast, ${text.rangeText}`;
    const data = forecastChart(forecast, workspace.currency, title, text.footnote);
    const [id, chart] = await Promise.all([
      answerId ?? saveAnswer(db, asker, query),
      withChart ? drawChart(data) : null,
    ]);
    return {
      kind: "answer",
      answerId: id,
      ...text,
      chart,
      table: chartTable(data),
      breakdowns: [],
      actions: answerActions(id, query.intent, []),
      interpretation: interpretationOf(query),
      data: forecastJson(forecast),
    };
  }

  /** A chart is a bonus: when drawing fails the text answer still goes out. */
  async function drawChart(data: ChartData): Promise<ChartImage | null> {
    if (!drawCharts) return null;
    try {
      return await chartImage(data);
    } catch (error) {
      logger.error({ err: error }, "chart rendering failed");
      return null;
    }
  }

  async function answer(
    query: MetricAsk | ForecastAsk,
    asker: Asker,
    options: AnswerOptions,
  ): Promise<Reply> {
    const { workspace, answerId } = options;
    const withChart = options.chart ?? true;
    if (query.intent === "forecast") return forecastAnswer(query, asker, options);
    const metric = getMetric(query.metrics[0]);
    const { from, to } = query.range;
    // A range that has not begun has no rows yet: its 0 or 0% would read as a fact.
    if (from > localDate(deps.clock.now(), workspace.timezone)) {
      return {
        kind: "unknown",
        text: `${rangeText(from, to)} has not started yet, so there is no ${metric.label} data for it.`,
        suggestions: [],
      };
    }
    const [empty] = await emptySources(db, workspace.id, query.metrics);
    if (empty) return { kind: "notice", text: noDataText(metric.label, empty) };
    // A single value (no breakdown, no series) gets a sparkline, whose query runs alongside.
    const single = !query.groupBy && !query.grain && query.metrics.length === 1;
    const sparkline =
      single && drawCharts && withChart ? sparklineFor(query, workspace) : undefined;
    // Awaited only with the answer: an early failure is not left unhandled meanwhile.
    sparkline?.catch(() => {});
    let results: MetricResult[];
    try {
      results = await runMetricQueries(
        db,
        query.metrics,
        {
          ...query.range,
          groupBy: query.groupBy,
          grain: query.grain,
          compare: query.compare,
          filters: query.filters,
          rank: query.rank,
        },
        { ...contextOf(workspace), today: localDate(deps.clock.now(), workspace.timezone) },
      );
    } catch (error) {
      if (error instanceof UnsupportedDimensionError) {
        const options = metric.dimensions.map((d) => `${metric.label} by ${dimensions[d].label}`);
        const suggestions = options.slice(0, 3);
        // No number was given: the question as read is said to be one Pulse cannot answer.
        return {
          kind: "unknown",
          text: error.message,
          suggestions,
          interpretation: { ...interpretationOf(query), intent: "unknown", suggestions },
        };
      }
      if (error instanceof TooManyPeriodsError) {
        const coarser = error.coarser
          ? [`${metric.label} by ${error.coarser.grain} from ${from} to ${addDays(to, -1)}`]
          : [];
        return { kind: "unknown", text: error.message, suggestions: coarser };
      }
      throw error;
    }
    const result = results[0]!;
    const speaker = speakerOf(options.speech, workspace.currency);
    const texts = results.map((r) => speaker?.answer(r) ?? answerText(r, workspace.currency));
    const note = speaker ? speaker.unused(query.unused) : unusedText(query.unused);
    const text = {
      ...texts[0]!,
      text: [...(note ? [note] : []), ...texts.map((t) => t.text)].join("\n"),
      footnote: texts.map((t) => t.footnote).join("; "),
    };
    // Several metrics: small multiples, each panel with its own axis and unit.
    const english =
      results.length > 1
        ? multiplesChartData(results, workspace.currency)
        : chartDataOf(result, workspace.currency, text.footnote, await sparkline);
    const data = speaker ? speaker.chart(english, result) : english;
    const [id, chart] = await Promise.all([
      answerId ?? saveAnswer(db, asker, query),
      withChart ? drawChart(data) : null,
    ]);
    const breakdowns = metric.dimensions
      .filter((d) => d !== result.groupBy)
      .map((d) => ({ id: d, label: dimensions[d].label }));
    return {
      kind: "answer",
      answerId: id,
      ...text,
      chart,
      table: chartTable(data),
      breakdowns,
      actions: answerActions(id, query.intent, breakdowns),
      interpretation: interpretationOf(query),
      data: {
        ...answerJson(result),
        ...(results.length > 1 ? { results: resultsJson(results) } : {}),
      },
    };
  }

  /** Why a number changed: the change against the comparison and its largest drivers, with the driver chart. */
  async function explainAnswer(
    query: ExplainAsk,
    asker: Asker,
    workspace: Workspace,
  ): Promise<Reply> {
    let result: Awaited<ReturnType<typeof runExplain>>;
    try {
      result = await runExplain(
        db,
        {
          metric: query.metric,
          ...query.range,
          compare: query.compare,
          filters: query.filters,
          dimensions: query.groupBy ? [query.groupBy] : null,
        },
        contextOf(workspace),
      );
    } catch (error) {
      if (error instanceof UnsupportedDimensionError) return cannotAnswer(error, query);
      throw error;
    }
    const filtered = filtersText(query.filters);
    const note = unusedText(query.unused);
    const text = [
      ...(note ? [note] : []),
      ...(filtered ? [`For ${filtered}:`] : []),
      explainText(result, workspace.currency, query.asked),
    ].join("\n");
    const data = explainChartData(result, workspace.currency);
    // Kept as the metric question with its comparison, so the answer's buttons (table, explain) work.
    const asked: MetricAsk = {
      intent: "metric",
      metrics: [query.metric],
      filters: query.filters,
      groupBy: null,
      rank: null,
      grain: null,
      compare: query.compare,
      range: query.range,
      unused: [],
    };
    const [answerId, chart] = await Promise.all([saveAnswer(db, asker, asked), drawChart(data)]);
    return {
      kind: "answer",
      answerId,
      text,
      footnote: data.footnote ?? "",
      rangeText: rangeText(query.range.from, query.range.to),
      chart,
      table: chartTable(data),
      breakdowns: [],
      actions: answerActions(answerId, query.intent, []),
      interpretation: interpretationOf(query),
      data: {
        value: result.change.value,
        unit: result.unit,
        previous: result.change.previous,
        ...explainJson(result),
      },
    };
  }

  async function listAnswer(query: ListAsk, asker: Asker, workspace: Workspace): Promise<Reply> {
    let result: Awaited<ReturnType<typeof runListQuery>>;
    try {
      result = await runListQuery(
        db,
        {
          entity: query.entity,
          metric: query.metric,
          ...query.range,
          filters: query.filters,
          rank: query.rank,
        },
        contextOf(workspace),
      );
    } catch (error) {
      if (error instanceof UnsupportedListError || error instanceof UnsupportedDimensionError)
        return cannotAnswer(error, query);
      throw error;
    }
    const mayReceive = await mayReceiveDirect(asker);
    const { text, personal } = listText(result, workspace.currency, {
      isDirect: asker.isDirect,
      mayReceiveDirect: mayReceive,
    });
    const note = unusedText(query.unused);
    // The file holds the same names as the rows: it goes only where they may.
    const csv =
      result.rows.length > CSV_ABOVE_ROWS && (asker.isDirect || mayReceive)
        ? listCsv(result)
        : null;
    return {
      kind: "insight",
      text: note ? `${note}\n${text}` : text,
      chart: null,
      table: null,
      interpretation: interpretationOf(query),
      personal,
      data: listJson(result),
      file: csv ? { filename: `pulse-${result.entity}-${result.from}.csv`, ...csv } : null,
    };
  }

  /** Whether the asker may see numbers where they asked. */
  const mayAsk = async (asker: Asker): Promise<boolean> =>
    (await deps.access.may(asker, asker, "aggregate")).allowed;

  /** A failure becomes an error reply with its id in the log. */
  const guarded = async <T extends Reply | null>(
    what: string,
    work: () => Promise<T>,
  ): Promise<T | Reply> => {
    try {
      return await work();
    } catch (error) {
      return failure(error, what);
    }
  };
  /** One answer at a time per core. */
  const limited = (what: string, work: () => Promise<Reply>): Promise<Reply> =>
    limit(() => guarded(what, work));

  /** A button on an earlier answer: the access decision, the stored question and the workspace, read at once. */
  const onAnswer = (
    what: string,
    answerId: string,
    asker: Asker,
    work: (query: AnsweredQuery, workspace: Workspace) => Promise<Reply>,
  ): Promise<Reply> =>
    limited(what, async () => {
      const [allowed, found, workspace] = await Promise.all([
        mayAsk(asker),
        loadAnswer(db, answerId, asker),
        getWorkspace(db, asker.workspaceId),
      ]);
      if (!allowed) return refused;
      if (!found) return expired;
      if (!found.ok) {
        logger.warn({ answerId, problem: found.problem }, "stored answer unreadable");
        return unreadable;
      }
      return work(found.value.query, workspace);
    });

  /** Stores the conversation's follow-ups while the answer is computed; awaited before the reply goes. */
  const persistConversation = (id: string): Promise<void> => {
    const saved = Promise.all([insights.persist(id), deps.conversations.persist(id)]).then(
      () => {},
    );
    // Awaited with the reply: a failure meanwhile is not an unhandled rejection.
    saved.catch(() => {});
    return saved;
  };

  const unreadable: Reply = {
    kind: "unknown",
    text: "That answer was saved by another version of Pulse and cannot be recomputed. Ask the question again.",
    suggestions: [],
  };

  const expired: Reply = {
    kind: "unknown",
    text: "That answer is no longer available here. Ask the question again.",
    suggestions: [],
  };

  /** The reply to a question read by the pipeline. */
  function replyTo(
    query: Query,
    asker: Asker,
    workspace: Workspace,
    speech?: Speech,
  ): Promise<Reply> | Reply {
    switch (query.intent) {
      case "help":
        return helpReply;
      case "unknown":
        return unknownReply(query, speech);
      case "forecast":
      case "metric":
        return answer(query, asker, { workspace, speech });
      case "list":
        return listAnswer(query, asker, workspace);
      case "explain":
        return explainAnswer(query, asker, workspace);
      default:
        return notAnswered(query);
    }
  }

  /** Offers the choices of an action pressed without one ("Break down by:"). */
  const choose = (action: ActionInput, asker: Asker): Promise<Reply> =>
    onAnswer("break down", action.answerId, asker, async (query) => {
      const metric = getMetric(measuredMetric(query));
      const groupBy = query.intent === "metric" ? query.groupBy : null;
      const choices = metric.dimensions
        .filter((d) => d !== groupBy)
        .map((d) => ({ value: d, label: dimensions[d].label }));
      if (choices.length === 0)
        return {
          kind: "unknown",
          text: `${metric.label} has nothing to break down by.`,
          suggestions: [],
        };
      return {
        kind: "choose",
        text: "Break down by:",
        action: actionOf("breakdown", action.answerId, choices),
      };
    });

  const assistant: Assistant = {
    ask: (input) =>
      limited("ask", async () => {
        const { asker, conversationId: id } = input;
        // What a question reads before it is understood does not depend on itself: one round
        // trip for all of it, and nothing of it is shown unless the asker may see numbers here.
        const [allowed, workspace, values] = await Promise.all([
          mayAsk(asker),
          getWorkspace(db, asker.workspaceId),
          workspaceValues(db, asker.workspaceId),
          insights.hydrate(id),
          deps.conversations.hydrate(id),
        ]);
        if (!allowed) return refused;
        const command = (await deps.commands?.handle(input)) ?? (await deps.alerts?.handle(input));
        if (command) return command;
        const today = localDate(deps.clock.now(), workspace.timezone);
        // The language layer reads names in the workspace's values and native dates by its calendar.
        const message = utter(input.text, { values, today, calendar: workspace.calendar });
        const insight = insights.match(id, message, today);
        let answering: () => Promise<Reply> | Reply;
        if (insight === null) {
          const query = deps.conversations.interpret(id, message, today, values);
          answering = () => replyTo(query, asker, workspace, speechOf(message, input.text));
        } else if ("cannot" in insight) answering = () => cannotFollow(insight.cannot);
        else
          answering = async () =>
            insightReply(
              insight,
              {
                db,
                clock: deps.clock,
                workspace,
                today,
                asker,
                mayReceiveDirect: await mayReceiveDirect(asker),
              },
              drawChart,
            );
        const saved = persistConversation(id);
        const reply = await answering();
        await saved;
        return reply;
      }),
    // No answer to compute: not queued behind them, as a form waits for its reply (Slack: 3 s).
    createAlert: (input) =>
      guarded("create alert", async () => {
        if (!(await mayAsk(input.asker))) return refused;
        return deps.alerts
          ? deps.alerts.create(input)
          : notAnswered({ intent: "alert", unused: [] });
      }),
    // An access check that fails is an error reply, as in `ask`: the asker is never left unanswered.
    screen: (input) =>
      guarded("screen", async () => {
        if (!(await mayAsk(input.asker))) return refused;
        return asksForHelp(input.text) ? helpReply : null;
      }),
    async knows(conversationId) {
      const stored = await Promise.all(
        ["question", "insight"].map((kind) => deps.conversationStore?.(kind).load(conversationId)),
      );
      return stored.some(Boolean);
    },
    explain: (answerId, asker) =>
      onAnswer("explain", answerId, asker, async (query, workspace) => {
        const reply = await answer(
          query.intent === "forecast" ? query : { ...query, groupBy: null, grain: null },
          asker,
          { answerId, workspace, chart: false },
        );
        if (reply.kind !== "answer") return reply;
        const metric = getMetric(measuredMetric(query));
        const text = [
          `${metric.label}: ${metric.description}`,
          `Formula: ${metric.formulaText}.`,
          `In ${reply.rangeText}: ${reply.footnote}.`,
        ].join("\n");
        return { ...reply, text };
      }),
    why: (answerId, asker) =>
      onAnswer("why", answerId, asker, (query, workspace) =>
        explainAnswer(
          {
            intent: "explain",
            metric: measuredMetric(query),
            filters: query.filters,
            compare: (query.intent === "metric" ? query.compare : null) ?? "previous_period",
            range: query.range,
            asked: null,
            unused: [],
          },
          asker,
          workspace,
        ),
      ),
    table: (answerId, asker) =>
      onAnswer("table", answerId, asker, async (query, workspace) => {
        const reply = await answer(query, asker, { answerId, workspace, chart: false });
        return reply.kind === "answer"
          ? { ...reply, text: reply.table, preformatted: true }
          : reply;
      }),
    breakDown: (answerId, dimension: DimensionId, asker) =>
      onAnswer("break down", answerId, asker, (query, workspace) =>
        answer(
          query.intent === "forecast" ? query : { ...query, groupBy: dimension, grain: null },
          asker,
          { workspace },
        ),
      ),
    act(action, asker) {
      switch (action.id) {
        case "table":
          return assistant.table(action.answerId, asker);
        case "explain":
          return assistant.explain(action.answerId, asker);
        case "why":
          return assistant.why(action.answerId, asker);
        case "breakdown":
          if (action.choice === undefined) return choose(action, asker);
          // The choice comes back from a chat platform: only a dimension Pulse knows is taken.
          if (!Object.hasOwn(dimensions, action.choice)) return Promise.resolve(expired);
          return assistant.breakDown(action.answerId, action.choice as DimensionId, asker);
      }
    },
  };
  return assistant;
}
