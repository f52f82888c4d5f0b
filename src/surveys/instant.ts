/** A Date as an SQL timestamptz: postgres.js binds no Date where the type is not known from the column. */
import { type SQL, sql } from "drizzle-orm";

export const instant = (at: Date): SQL => sql`${at.toISOString()}::timestamptz`;
