/** A range that has not started has no data yet: refused with a typed error, never answered 0. */
import { describe, expect, it } from "vitest";
import { NoDataYetError } from "../../src/errors.js";
import { runExplain } from "../../src/explain/explain.js";
import { runListQuery } from "../../src/lists/list.js";
import { runMetricQuery } from "../../src/metrics/query.js";
import { drivers } from "../support/databases.js";
import { context, shopDatabase } from "../support/shop.js";

const today = { ...context, today: "2026-11-29" };
const in2031 = { from: "2031-01-01", to: "2032-01-01" };

describe.each(drivers)("the future on $name", (driver) => {
  const shop = shopDatabase(() => driver.open());

  it("a metric over a range after today is NoDataYetError", async () => {
    await expect(
      runMetricQuery(shop.db, { metric: "churn_rate", ...in2031 }, today),
    ).rejects.toThrow(NoDataYetError);
  });
  it("lists and explain refuse it too", async () => {
    await expect(
      runListQuery(shop.db, { entity: "customers", metric: "churned_customers", ...in2031 }, today),
    ).rejects.toThrow(NoDataYetError);
    await expect(runExplain(shop.db, { metric: "revenue", ...in2031 }, today)).rejects.toThrow(
      NoDataYetError,
    );
  });
  it("a range that has begun is answered to date", async () => {
    const result = await runMetricQuery(
      shop.db,
      { metric: "orders", from: "2026-11-01", to: "2026-12-01" },
      today,
    );
    expect(result.value).toBe(1); // o5, Nov 1
  });
  it("marks the series period holding today, and the range, as to date", async () => {
    const result = await runMetricQuery(
      shop.db,
      { metric: "orders", from: "2026-10-01", to: "2026-11-30", grain: "month" },
      today,
    );
    expect(result.toDate).toBe(true);
    expect(result.series?.map((p) => p.toDate ?? false)).toEqual([false, true]);
  });
});
