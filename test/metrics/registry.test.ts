import { describe, expect, it } from "vitest";
import { validateRegistry } from "../../src/metrics/registry.js";

describe("metric registry", () => {
  it("names only known dimensions and gives no synonym to two metrics", () => {
    expect(validateRegistry()).toEqual([]);
  });
});
