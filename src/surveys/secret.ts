import { PulseError } from "../errors.js";
import type { Pulse } from "../pulse.js";

/** PULSE_SECRET, which signs survey links; a clear error when it is missing. */
export function requireSecret(pulse: Pulse): string {
  const secret = pulse.config.secret;
  if (!secret)
    throw new PulseError(
      "config_invalid",
      "PULSE_SECRET is not set: survey links are signed with it (use a long random string and keep it)",
    );
  return secret;
}
