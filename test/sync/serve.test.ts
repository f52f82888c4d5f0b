/**
 * `pulse serve` syncs each configured source on its own schedule, and a new
 * order arriving through a sync alerts as one through POST /ingest does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncs } from "../../bots/sync/start.js";
import type { Database } from "../../db/client.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack-api.js";
import { type FakeStripe, startFakeStripe } from "../fakes/stripe-api.js";
import {
  type AlertPulse,
  alertPosts,
  alertPulse,
  say,
  schedulerOf,
} from "../support/alert-harness.js";
import { drivers } from "../support/databases.js";

const key = "sk_test_serve";

describe("syncs in pulse serve", () => {
  let slack: FakeSlack;
  let stripe: FakeStripe;
  let db: Database;
  let pulse: AlertPulse;
  beforeAll(async () => {
    slack = await startFakeSlack();
    stripe = await startFakeStripe(key);
    db = await drivers[0]!.open();
    pulse = await alertPulse(db, slack, "2026-11-23T10:00:00Z", {
      STRIPE_API_KEY: key,
      STRIPE_API_URL: stripe.apiUrl,
    });
  });
  afterAll(async () => {
    await db.close();
    await stripe.close();
    await slack.close();
  });

  it("alerts on a big order that arrives through the Stripe sync, as through ingest", async () => {
    await say(pulse, "alert me when an order over 1000 comes in", "C1");
    stripe.charges.push({
      id: "ch_big",
      created: Date.parse("2026-11-23T09:00:00Z") / 1000,
      amount: 250_000,
      amount_refunded: 0,
      currency: "usd",
      customer: "cus_1",
      status: "succeeded",
      billing_details: { email: null },
    });
    const syncs = await startSyncs(pulse, 3_600_000);
    await syncs.syncAll();
    expect(syncs.health?.()).toMatchObject({ ok: true });
    await syncs.stop();
    expect(await schedulerOf(pulse).tick()).toMatchObject({ delivered: 1 });
    expect(String(alertPosts(slack.calls, "C1")[0]!.params.text)).toContain(
      "New order ch_big of $2,500.00",
    );
  });

  it("reports a refused key as not ready", async () => {
    stripe.revoke();
    const syncs = await startSyncs(pulse, 3_600_000);
    await syncs.syncAll();
    await syncs.syncAll();
    await syncs.stop();
    expect(syncs.health?.()).toEqual({
      ok: false,
      detail: "last sync failed: stripe (see the log)",
    });
  });
});
