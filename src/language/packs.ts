/** Every language's rules, by code. */
import { amharic } from "./lexicons/am.js";
import { persian } from "./lexicons/fa.js";
import { finnish } from "./lexicons/fi.js";
import { armenian } from "./lexicons/hy.js";
import { georgian } from "./lexicons/ka.js";
import type { Foreign, Language } from "./types.js";

export const packs: Record<Foreign, Language> = {
  fi: finnish,
  fa: persian,
  hy: armenian,
  ka: georgian,
  am: amharic,
};
