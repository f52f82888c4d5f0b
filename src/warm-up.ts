/**
 * What a server does once before it takes its first question: load the
 * language model, start the chart threads, and answer one question end to
 * end without storing or sending it, so that the first questions after a
 * deploy (and the Slack acks queued behind them) do not run cold code:
 * hundreds of milliseconds otherwise.
 */
import { renderChart, startRenderThreads } from "../charts/index.js";
import { chartDataOf } from "./answers/chart.js";
import { answerText } from "./answers/text.js";
import { runMetricQuery } from "./metrics/query.js";
import type { Pulse } from "./pulse.js";
import { parseQuestion } from "./questions/pipeline.js";
import { getWorkspace, localDate } from "./workspace/workspace.js";

export async function warmUp(pulse: Pulse): Promise<void> {
  await startRenderThreads();
  const workspace = await getWorkspace(pulse.db, pulse.workspaceId);
  const today = localDate(pulse.clock.now(), workspace.timezone);
  const question = parseQuestion("revenue by week last month vs the month before", today);
  const result = await runMetricQuery(
    pulse.db,
    {
      metric: question.metric!,
      from: question.from!,
      to: question.to!,
      grain: question.grain,
      compare: question.compare,
    },
    { workspaceId: workspace.id, timezone: workspace.timezone },
  );
  const text = answerText(result, workspace.currency);
  await renderChart(chartDataOf(result, workspace.currency, text.footnote));
}
