/**
 * After an import: the data that makes a metric meaningless without an error
 * anywhere (a churn of 0% because nothing says when anyone left), said once,
 * with the fix.
 */
import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { getWorkspace } from "../workspace/workspace.js";

export async function importWarnings(db: Queryable, workspaceId: string): Promise<string[]> {
  const workspace = await getWorkspace(db, workspaceId);
  const [facts] = await db.rows<{
    customers: number;
    churned: number;
    first_signup: string | null;
    last_signup: string | null;
    orders: boolean;
  }>(sql`select count(*)::int as customers, count(churned_at)::int as churned,
      to_char(min(signup_at) at time zone ${workspace.timezone}, 'YYYY-MM-DD') as first_signup,
      to_char(max(signup_at) at time zone ${workspace.timezone}, 'YYYY-MM-DD') as last_signup,
      exists (select 1 from orders where workspace_id = ${workspaceId}) as orders
    from customers where workspace_id = ${workspaceId}`);
  if (!facts || Number(facts.customers) === 0) return [];
  const warnings: string[] = [];
  if (Number(facts.churned) === 0 && workspace.churnAfterDays === null)
    warnings.push(
      "no customer has churned_at and no inactivity window is set: churn will read 0% " +
        "(import churn dates, derive them with --churned-when, or set a window: pulse workspace set --churn-after-days 90)",
    );
  if (workspace.churnAfterDays !== null && !facts.orders)
    warnings.push(
      `the inactivity window (${workspace.churnAfterDays} days) counts from orders and there are none: ` +
        `every customer without churned_at churns ${workspace.churnAfterDays} days after signing up`,
    );
  if (Number(facts.customers) > 1 && facts.first_signup === facts.last_signup)
    warnings.push(
      `every customer signed up on ${facts.first_signup}: new customers and retention say nothing ` +
        "(map a sign-up date, or derive one with --tenure-months)",
    );
  return warnings;
}
