/**
 * Failures of the core, each with a code adapters can turn into a friendly
 * message. User mistakes in questions are not errors: the parser returns
 * issues with suggestions instead.
 */
export type ErrorCode =
  | "access_denied"
  | "config_invalid"
  | "service_unreachable"
  | "import_rejected"
  | "import_file_unreadable"
  | "list_unsupported"
  | "no_data_yet"
  | "query_invalid"
  | "registry_invalid"
  | "survey_invalid"
  | "language_unknown"
  | "unsupported_dimension"
  | "workspace_missing";

/** Raised by db/, below the core; adapters print it like a PulseError. */
export { DatabaseUnavailableError } from "../db/errors.js";

export class PulseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConfigError extends PulseError {
  constructor(message: string) {
    super("config_invalid", message);
  }
}

/** A service Pulse needs at start (Telegram, Slack) could not be reached; the message names the variable to check. */
export class ServiceUnreachableError extends PulseError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("service_unreachable", message, options);
  }
}

export class QueryError extends PulseError {
  constructor(message: string) {
    super("query_invalid", message);
  }
}

/** A metric was grouped or filtered by a dimension it has no rule for ("CAC by category"). */
export class UnsupportedDimensionError extends PulseError {
  constructor(
    readonly metric: string,
    readonly dimension: string,
    readonly supported: readonly string[],
    readonly use: "broken down" | "filtered" = "broken down",
  ) {
    super(
      "unsupported_dimension",
      `${metric} cannot be ${use} by ${dimension}; it can be ${use} by ${supported.join(", ") || "nothing"}.`,
    );
  }
}

/** A list of members was asked of a metric that has none to list ("customers by churn rate"). */
export class UnsupportedListError extends PulseError {
  constructor(
    readonly entity: string,
    readonly metric: string,
    readonly suggestions: readonly string[],
  ) {
    super(
      "list_unsupported",
      `There is no list of ${entity} behind ${metric}; ${entity} can be listed by ${suggestions.join(", ")}.`,
    );
  }
}

/** A series with more periods than a chart or a reader can take ("daily revenue since 1900"). */
export class TooManyPeriodsError extends QueryError {
  constructor(
    readonly grain: string,
    readonly periods: number,
    readonly limit: number,
    /** The finest coarser grain within the limit; null when even years are too many. */
    readonly coarser: { grain: string; periods: number } | null,
  ) {
    const count = (n: number) => n.toLocaleString("en-US");
    super(
      `By ${grain}, this range has ${count(periods)} periods; a series has at most ${limit}. ` +
        (coarser
          ? `By ${coarser.grain} it has ${count(coarser.periods)}: ask by ${coarser.grain}, or for a shorter range.`
          : "Ask for a shorter range."),
    );
  }
}

/** Sentiment was asked for in a language Pulse has no lexicon for. */
export class UnknownLanguageError extends PulseError {
  constructor(language: string, known: readonly string[]) {
    super(
      "language_unknown",
      `No sentiment lexicon for language "${language}": use one of ${known.join(", ")}.`,
    );
  }
}

/** An output was asked for where it may not go (src/access): an alert for a channel not allowed to see numbers. */
export class AccessDeniedError extends PulseError {
  constructor(reason: string) {
    super("access_denied", reason);
  }
}

/** The range asked for has not started yet ("churn in 2031"): no data, rather than a 0. */
export class NoDataYetError extends PulseError {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly today: string,
  ) {
    super(
      "no_data_yet",
      `There is no data yet for ${from} to ${to}: that range starts after today (${today}).`,
    );
  }
}
