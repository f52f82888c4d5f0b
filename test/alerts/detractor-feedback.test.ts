/** A detractor alert says what the comment is about: its sentiment, themes and language. */
import { describe, expect, it } from "vitest";
import { describeEvent } from "../../src/alerts/evaluate.js";
import type { AlertRule, EventDefinition } from "../../src/alerts/types.js";

const definition: EventDefinition = {
  kind: "event",
  source: "event",
  conditions: [{ field: "kind", op: "=", value: "survey_detractor" }],
};
const rule: AlertRule = {
  id: 3,
  workspaceId: "w",
  kind: "event",
  title: "detractors",
  definition,
  schedule: null,
  timezone: "UTC",
  platform: "slack",
  chatId: "C1",
  ownerId: "U1",
  status: "active",
  blockedReason: null,
  snoozedUntil: null,
  nextRunAt: null,
  inEpisode: false,
  episodeStartedAt: null,
  episodeGroups: [],
  changeCursor: 0,
};

describe("detractor alerts", () => {
  it("carry the comment's sentiment, themes and language", () => {
    const row = {
      kind: "survey_detractor",
      customer_id: "c1",
      text: "Toimitus myöhästyi taas ja liian kallista",
      sentiment: -0.72,
      properties: {
        responseId: "prompt-1",
        kind: "nps",
        score: 3,
        themes: ["delivery", "price"],
        language: "fi",
      },
    };
    expect(describeEvent(rule, definition, row, "EUR", "UTC").heading).toBe(
      'Alert 3: survey detractor from customer c1 (NPS score 3): "Toimitus myöhästyi taas ja liian kallista". (sentiment -0.72, about delivery, price, in Finnish)',
    );
  });
  it("say nothing of it before the comment arrives", () => {
    const row = { kind: "survey_detractor", customer_id: "c1", text: null, sentiment: null };
    expect(describeEvent(rule, definition, row, "EUR", "UTC").heading).toBe(
      "Alert 3: survey detractor from customer c1.",
    );
  });
});
