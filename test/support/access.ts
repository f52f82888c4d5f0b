/** Access for tests that are not about it: everyone may see everything, said explicitly (the assistant requires an access). */
import type { Access } from "../../src/access/access.js";

export const everyoneAllowed: Pick<Access, "may"> = { may: async () => ({ allowed: true }) };
