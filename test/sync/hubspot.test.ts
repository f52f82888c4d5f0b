/**
 * `pulse sync hubspot` against a fake CRM API: deals mean what HubSpot's
 * export means (the default pipeline's stages, owners by name, closed deals
 * dated); a second run reads only deals changed since; a stopped sync run
 * again writes nothing twice; a stage no map knows waits, counted; 429, 401.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { SyncAuthError } from "../../src/sync/http.js";
import { hubspotSource } from "../../src/sync/hubspot.js";
import { runSync } from "../../src/sync/run-sync.js";
import { ensureWorkspace, updateWorkspace } from "../../src/workspace/workspace.js";
import { type FakeDeal, type FakeHubSpot, startFakeHubSpot } from "../fakes/hubspot-api.js";
import { drivers } from "../support/databases.js";

const token = "pat-eu1-test";
const ws = "crm";

const deal = (
  n: number,
  stage: string,
  amount = "1000",
  over: Record<string, string> = {},
): FakeDeal => ({
  id: String(9000 + n),
  properties: {
    dealname: `Deal ${n}`,
    dealstage: stage,
    pipeline: "default",
    amount,
    deal_currency_code: "EUR",
    hubspot_owner_id: n % 2 ? "1" : "2",
    createdate: "2026-10-01T09:00:00.000Z",
    closedate: "2026-11-10T09:00:00.000Z",
    hs_lastmodifieddate: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    ...over,
  },
});

describe.each(drivers)("HubSpot sync on $name", (driver) => {
  let hubspot: FakeHubSpot;
  let db: Database;
  beforeEach(async () => {
    hubspot = await startFakeHubSpot(token);
    hubspot.owners.push(
      { id: "1", firstName: "Aino", lastName: "Virtanen", email: "aino@example.fi" },
      { id: "2", firstName: "Nino", lastName: "Beridze", email: "nino@example.ge" },
    );
    db = await driver.open();
    await ensureWorkspace(db, ws);
    await updateWorkspace(db, ws, { currency: "EUR", timezone: "Europe/Helsinki" });
  });
  afterEach(async () => {
    await db.close();
    await hubspot.close();
  });
  const source = () => hubspotSource({ accessToken: token, apiUrl: hubspot.apiUrl });
  const deals = () =>
    db.rows<{
      id: string;
      stage: string;
      owner: string;
      closed: boolean;
    }>(sql`select id, stage, owner,
      closed_at is not null as closed from deals where workspace_id = ${ws} order by id`);

  it("maps the default pipeline's stages, names owners, and dates closed deals only", async () => {
    hubspot.deals.push(
      deal(1, "closedwon", "5000"),
      deal(2, "closedlost"),
      deal(3, "contractsent"),
      deal(4, "appointmentscheduled"),
      deal(5, "custom-stage-1234"),
    );
    const summary = await runSync(db, ws, source());
    expect(await deals()).toEqual([
      { id: "9001", stage: "won", owner: "Aino Virtanen", closed: true },
      { id: "9002", stage: "lost", owner: "Nino Beridze", closed: true },
      { id: "9003", stage: "negotiation", owner: "Aino Virtanen", closed: false },
      { id: "9004", stage: "lead", owner: "Nino Beridze", closed: false },
    ]);
    expect(Object.entries(summary.leftOut)).toEqual([
      [expect.stringMatching(/^deals in a stage Pulse does not know/), 1],
    ]);
  });

  it("a second run reads only deals changed since", async () => {
    hubspot.deals.push(...Array.from({ length: 250 }, (_, i) => deal(i + 1, "qualifiedtobuy")));
    await runSync(db, ws, source());
    expect(hubspot.served.deals).toBe(250);
    hubspot.deals[0]!.properties.dealstage = "closedwon";
    hubspot.deals[0]!.properties.hs_lastmodifieddate = "2026-12-01T00:00:00.000Z";
    await runSync(db, ws, source());
    expect(hubspot.served.deals).toBe(251);
    expect((await deals())[0]).toMatchObject({ id: "9001", stage: "won", closed: true });
  });

  it("stopped after its first thousand deals and run again, writes every deal once", async () => {
    hubspot.deals.push(
      ...Array.from({ length: 1250 }, (_, i) => deal(i + 1, "presentationscheduled")),
    );
    await expect(
      runSync(db, ws, source(), () => {
        throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    await runSync(db, ws, source());
    expect(await deals()).toHaveLength(1250);
    // The stopped run read the page after its first thousand too; the second starts after them.
    expect(hubspot.served.deals).toBe(1100 + 250);
  });

  it("waits out a 429", async () => {
    hubspot.deals.push(deal(1, "closedwon"));
    hubspot.rateLimit(2, 0);
    await runSync(db, ws, source());
    expect(await deals()).toHaveLength(1);
  });

  it("names HUBSPOT_ACCESS_TOKEN when HubSpot refuses it", async () => {
    hubspot.revoke();
    await expect(runSync(db, ws, source())).rejects.toThrow(
      /HUBSPOT_ACCESS_TOKEN was refused \(401: Authentication credentials not found/,
    );
    await expect(runSync(db, ws, source())).rejects.toBeInstanceOf(SyncAuthError);
  });
});
