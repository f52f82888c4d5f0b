/** What access looks like with no rule for a platform, said at `pulse serve` and in `pulse access list`. */
import type { Access, AccessPlatform } from "./access.js";

export function defaultPosture(platform: AccessPlatform): string {
  return platform === "slack"
    ? "slack: no rule, so every member of the Slack workspace may ask for numbers in any channel and direct message; add a rule (pulse access allow slack channel C0123) to restrict it"
    : "telegram: no rule, so the team side answers nobody; print a one-time code with `pulse access setup-code` and send /setup CODE to the bot";
}

/** A warning per served platform that has no rule yet. */
export async function postureWarnings(
  access: Access,
  platforms: readonly AccessPlatform[],
): Promise<string[]> {
  const warnings: string[] = [];
  for (const platform of platforms)
    if (!(await access.hasRules(platform))) warnings.push(defaultPosture(platform));
  return warnings;
}
