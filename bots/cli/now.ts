import { PulseError } from "../../src/errors.js";
import { isIsoDate } from "../../src/metrics/calendar.js";

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The --now option, checked. */
export function validNow(value: string): string {
  if (!isIsoDate(value))
    throw new PulseError("config_invalid", `--now must be a date like 2026-11-22, got "${value}"`);
  return value;
}

/** An instant on that date whatever the workspace's zone (noon UTC is the same date from UTC-11 to UTC+11). */
export const noonOf = (date: string): Date => new Date(`${date}T12:00:00Z`);
