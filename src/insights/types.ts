/** An answer of the predictive questions (churn risk, profitability, themes), before the chart is drawn. */
import type { ChartData } from "../../charts/index.js";
import type { Queryable } from "../../db/client.js";
import type { Asker } from "../assistant/types.js";
import type { Clock } from "../clock.js";
import type { Workspace } from "../workspace/workspace.js";

export interface InsightAnswer {
  text: string;
  chart: ChartData | null;
  /** What names customers, for the asker's direct messages only (asked elsewhere). */
  personal?: string;
}

/** What every insight needs to answer. */
export interface InsightContext {
  db: Queryable;
  clock: Clock;
  workspace: Workspace;
  /** Workspace-local date of "now". */
  today: string;
  asker: Asker;
  /** Whether the asker may be sent personal data in a direct message. */
  mayReceiveDirect: boolean;
}
