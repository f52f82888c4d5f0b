import { describe, expect, it } from "vitest";
import { predict, rocAuc, trainLogistic } from "../../src/risk/logistic.js";

describe("churn risk model", () => {
  it("ROC AUC is 1 for a perfect ranking, 0.5 for ties, 0 for a reversed one", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });
  it("ranks a planted high-risk group above a planted low-risk one", () => {
    // Short tenure and many support tickets churn; long tenure and none stay.
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 200; i++) {
      const risky = i % 2 === 0;
      rows.push([risky ? 1 + (i % 5) : 30 + (i % 20), risky ? 3 + (i % 3) : i % 2]);
      labels.push(risky ? (i % 10 === 0 ? 0 : 1) : i % 17 === 0 ? 1 : 0);
    }
    const model = trainLogistic(rows, labels);
    expect(predict(model, [2, 4]).probability).toBeGreaterThan(predict(model, [40, 0]).probability);
    expect(
      rocAuc(
        rows.map((r) => predict(model, r).probability),
        labels,
      ),
    ).toBeGreaterThan(0.8);
  });
});
