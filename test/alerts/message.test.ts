/** A firing's message survives being stored: the chart comes back as the same bytes. */
import { describe, expect, it } from "vitest";
import { loadMessage, storeMessage } from "../../src/alerts/message.js";
import type { AlertMessage } from "../../src/alerts/types.js";
import { insightInterpretation } from "../../src/insights/interpretation.js";

describe("stored alert messages", () => {
  it("keep chart images byte for byte", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const message: AlertMessage = {
      key: "pulse-alert-1",
      ruleId: 1,
      heading: "Alert 1",
      why: "because",
      late: false,
      actions: true,
      replies: [
        {
          kind: "insight",
          text: "at risk",
          chart: { png, width: 1, height: 1, altText: "x" },
          table: null,
          interpretation: insightInterpretation({ kind: "at_risk" }),
          personal: null,
        },
        { kind: "notice", text: "plain" },
      ],
    };
    const back = loadMessage(JSON.parse(storeMessage(message)));
    expect(back).toEqual(message);
    expect(Buffer.isBuffer((back.replies[0] as { chart: { png: Buffer } }).chart.png)).toBe(true);
  });
});
