import type { Command } from "commander";
import { queryJson } from "../../../src/answers/json.js";
import { answerText } from "../../../src/answers/text.js";
import { QueryError } from "../../../src/errors.js";
import { runMetricQuery } from "../../../src/metrics/query.js";
import type { Compare, DimensionId, Filter, Grain, MetricId } from "../../../src/metrics/types.js";
import { getWorkspace } from "../../../src/workspace/workspace.js";
import type { CliContext } from "../context.js";
import { printJson, printLine } from "../output.js";

interface QueryOptions {
  from: string;
  to: string;
  by?: string;
  grain?: string;
  compare?: string;
  where: Filter[];
  json?: boolean;
}

/** `plan=pro,basic` keeps those plans, `country!=FI` drops Finland; commander calls this once per --where. */
export function parseWhere(text: string, previous: Filter[] = []): Filter[] {
  const match = /^\s*([a-z_]+)\s*(!=|=)\s*(.+)$/.exec(text);
  const values = match?.[3]?.split(",").map((v) => v.trim()) ?? [];
  if (!match || values.some((v) => v === ""))
    throw new QueryError(
      `--where takes dimension=value[,value] or dimension!=value[,value], got "${text}".`,
    );
  const op = match[2] === "!=" ? "not_in" : "in";
  return [...previous, { dimension: match[1] as DimensionId, op, values }];
}

export function registerQueryCommand(program: Command, cli: CliContext): void {
  program
    .command("query")
    .description("compute one metric over [from, to), optionally grouped, as a series, or compared")
    .argument("<metric>", "a metric id such as churn_rate, revenue, nps")
    .requiredOption("--from <date>", "first day of the range (YYYY-MM-DD)")
    .requiredOption("--to <date>", "day after the range (YYYY-MM-DD, excluded)")
    .option("--by <dimension>", "group by a dimension (plan, channel, country, ...)")
    .option("--grain <grain>", "a series by day, week, month, quarter or year")
    .option("--compare <compare>", "previous_period or previous_year")
    .option(
      "--where <filter>",
      "keep rows by a dimension: plan=pro,basic or country!=FI (repeat to combine with AND)",
      parseWhere,
      [],
    )
    .option("--json", "print the answer as JSON")
    .action(async (metric: string, options: QueryOptions) => {
      const pulse = await cli.openDatabase();
      try {
        const workspace = await getWorkspace(pulse.db, pulse.workspaceId);
        const result = await runMetricQuery(
          pulse.db,
          {
            metric: metric as MetricId,
            from: options.from,
            to: options.to,
            groupBy: (options.by as DimensionId | undefined) ?? null,
            grain: (options.grain as Grain | undefined) ?? null,
            compare: (options.compare as Compare | undefined) ?? null,
            filters: options.where,
          },
          { workspaceId: workspace.id, timezone: workspace.timezone },
        );
        if (options.json) printJson(queryJson(result));
        else {
          const text = answerText(result, workspace.currency);
          printLine(text.text);
          printLine(`(${text.footnote})`);
        }
      } finally {
        await pulse.close();
      }
    });
}
