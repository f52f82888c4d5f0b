/**
 * Deal events, said in a chat and delivered to a fake Slack over HTTP: a deal
 * won, lost or moved to a stage, written the way the import writes (an upsert
 * that updates changed rows only). Exactly once, backfills summed up, and the
 * deal's name (it names the customer) only in a direct message allowed to see it.
 */
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createAccess } from "../../src/access/access.js";
import { alertPosts, alertSuite, say, schedulerOf, WORKSPACE } from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

interface Deal {
  id: string;
  stage: string;
  amount?: number;
  customer?: string;
  name?: string;
  created?: string;
  closed?: string | null;
}

describe.each(drivers)("deal alerts on $name", (driver) => {
  const t = alertSuite(() => driver.open(), {
    start: "2026-03-02T08:00:00Z",
    empty: ["alert_rules", "alert_changes", "access_rules", "deals", "customers"],
  });
  beforeEach(async () => {
    await t.db.rows(sql`insert into customers (workspace_id, id, name, signup_at)
      values (${WORKSPACE}, 'c1', 'Aino Virtanen', '2025-01-01T00:00:00Z')`);
  });

  /** Writes deals as the import does: new ids inserted, changed rows updated, identical rows left alone. */
  const upsert = (...deals: Deal[]) =>
    t.db.rows(sql`insert into deals (workspace_id, id, customer_id, name, stage, amount, owner, created_at, closed_at)
      select ${WORKSPACE}, d.id, d.customer, d.name, d.stage, d.amount, 'Mika', d.created::timestamptz, d.closed::timestamptz
      from json_to_recordset(${JSON.stringify(
        deals.map((d) => ({
          customer: null,
          name: null,
          amount: 1000,
          created: "2026-03-01T10:00:00Z",
          closed: null,
          ...d,
        })),
      )}::json)
        as d(id text, customer text, name text, stage text, amount numeric, created text, closed text)
      on conflict (workspace_id, id) do update set stage = excluded.stage, amount = excluded.amount,
        closed_at = excluded.closed_at
      where (deals.stage, deals.amount, deals.closed_at) is distinct from (excluded.stage, excluded.amount, excluded.closed_at)`);

  const posts = (channel: string) =>
    alertPosts(t.slack.calls, channel).map((c) => String(c.params.text));

  const created = async (text: string, chat = "C1", user = "U1") => {
    const reply = await say(t.pulse, text, chat, user);
    expect(reply.text).toContain("Created alert");
    return reply.text;
  };

  it('"notify #sales when a deal is won" posts each won deal to #sales once, with amount and owner', async () => {
    const confirmation = await created("notify <#C0SALES|sales> when a deal is won");
    expect(confirmation).toContain("each deal that reaches stage won");
    expect(confirmation).toContain("posts to <#C0SALES>");
    await upsert({ id: "D1", stage: "negotiation" });
    await schedulerOf(t.pulse).tick();
    expect(posts("C0SALES")).toEqual([]);
    await upsert({ id: "D1", stage: "won", amount: 4200, closed: "2026-03-02T07:30:00Z" });
    await upsert({ id: "D1", stage: "won", amount: 4200, closed: "2026-03-02T07:30:00Z" });
    await schedulerOf(t.pulse).tick();
    await schedulerOf(t.pulse).tick();
    expect(posts("C0SALES")).toHaveLength(1);
    expect(posts("C0SALES")[0]).toContain("Deal D1 won (was negotiation): $4,200.00, owner Mika.");
  });

  it('"tell me when a deal moves to negotiation" fires on the move, not on other changes or other stages', async () => {
    await created("tell me when a deal moves to negotiation");
    await upsert({ id: "D1", stage: "proposal" }, { id: "D2", stage: "lead" });
    await upsert({ id: "D1", stage: "negotiation" }, { id: "D2", stage: "qualified" });
    await upsert({ id: "D1", stage: "negotiation", amount: 1500 });
    await schedulerOf(t.pulse).tick();
    const said = posts("C1");
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("Deal D1 moved to negotiation (was proposal): $1,000.00");
  });

  it("a lost deal, and a new deal over an amount", async () => {
    await created("alert me when a deal is lost", "C1");
    await created("alert me when a new deal over 5k comes in", "C2");
    await upsert(
      { id: "D1", stage: "lead", amount: 6000 },
      { id: "D2", stage: "lead", amount: 900 },
    );
    await upsert({ id: "D1", stage: "lost", amount: 6000, closed: "2026-03-02T07:00:00Z" });
    await schedulerOf(t.pulse).tick();
    expect(posts("C1")).toEqual([expect.stringContaining("Deal D1 lost (was lead): $6,000.00")]);
    expect(posts("C2")).toEqual([
      expect.stringContaining("Deal D1 opened at stage lead: $6,000.00"),
    ]);
  });

  it("an import of 1,000 deals won last year posts one summary", async () => {
    await created("notify <#C0SALES|sales> when a deal is won");
    await upsert(
      ...Array.from({ length: 1000 }, (_, i) => ({
        id: `old${i}`,
        stage: "won",
        amount: 100,
        created: "2025-01-02T10:00:00Z",
        closed: "2025-01-20T10:00:00Z",
      })),
    );
    await schedulerOf(t.pulse).tick();
    expect(posts("C0SALES")).toEqual([
      expect.stringContaining("1000 deals from January 2025 imported ($100,000.00 in total)"),
    ]);
  });

  it("the deal's and customer's names go to an allowed direct message, never to a channel", async () => {
    await createAccess(t.db, WORKSPACE).allow({ platform: "slack", kind: "user", subject: "U1" });
    await createAccess(t.db, WORKSPACE).allow({
      platform: "slack",
      kind: "channel",
      subject: "C1",
    });
    await created("alert me when a deal is won", "D0U1");
    await created("alert me when a deal is won", "C1");
    await upsert({
      id: "D7",
      stage: "won",
      customer: "c1",
      name: "Café Virtanen",
      closed: "2026-03-02T07:00:00Z",
    });
    await schedulerOf(t.pulse).tick();
    expect(posts("D0U1")[0]).toContain('Deal D7 "Café Virtanen" for Aino Virtanen won (new deal)');
    expect(posts("C1")[0]).toContain("Deal D7 for customer c1 won (new deal)");
    expect(posts("C1")[0]).not.toContain("Virtanen");
  });

  it("a direct message no longer allowed gets nothing: delivery checks again and tells its owner the rule is paused", async () => {
    const access = createAccess(t.db, WORKSPACE);
    await access.allow({ platform: "slack", kind: "user", subject: "U1" });
    await created("alert me when a deal is won", "D0U1");
    await upsert({ id: "D8", stage: "won", customer: "c1", name: "Café Virtanen" });
    const scheduler = schedulerOf(t.pulse, {}, {});
    await scheduler.tick();
    await access.revoke({ platform: "slack", kind: "user", subject: "U1" });
    await access.allow({ platform: "slack", kind: "user", subject: "U2" });
    // The deal is skipped; what is delivered is the owner's notice that the rule is paused, with no deal in it.
    expect(await schedulerOf(t.pulse).tick()).toMatchObject({ delivered: 1, skipped: 1 });
    expect(posts("D0U1")).toEqual([]);
    expect(posts("U1")).toHaveLength(1);
    expect(posts("U1")[0]).toMatch(/^Pulse paused alert \d+/);
    expect(posts("U1")[0]).not.toMatch(/D8|Virtanen/);
  });
});
