import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../src/surveys/messages/en.js";
import { createWording, localeOf, locales, readWordingFile } from "../../src/surveys/texts.js";

describe("survey texts", () => {
  const wording = createWording("Kahvila Aalto");

  it("speaks each of en, fi, hy, ka, am and fa, naming the business", () => {
    for (const locale of Object.keys(locales)) {
      const texts = wording.for(locale);
      expect(texts.npsQuestion).toContain("Kahvila Aalto");
      expect(texts.csatOptions).toHaveLength(5);
      expect(texts.cesOptions).toHaveLength(7);
      if (locale !== "en") expect(texts.followUp).not.toBe(en.followUp);
    }
  });

  it("reads language tags and falls back to English for others", () => {
    expect(localeOf("fi-FI")).toBe("fi");
    expect(localeOf("pt-BR")).toBe("en");
    expect(localeOf(null)).toBe("en");
    expect(wording.for("de").npsQuestion).toBe(
      "How likely are you to recommend Kahvila Aalto to a friend or colleague?",
    );
  });

  it("a wording file overrides single texts and unknown keys are refused by name", () => {
    const dir = mkdtempSync(join(tmpdir(), "pulse-wording-"));
    const file = join(dir, "texts.json");
    writeFileSync(file, JSON.stringify({ en: { followUp: "Why that score?" } }));
    const custom = createWording("Shop", readWordingFile(file));
    expect(custom.for("en").followUp).toBe("Why that score?");
    expect(custom.for("de").followUp).toBe("Why that score?");
    expect(custom.for("fi").followUp).toMatch(/^Kiitos/);
    writeFileSync(file, JSON.stringify({ fi: { greeting: "Moi" } }));
    expect(() => readWordingFile(file)).toThrow("SURVEY_TEXTS_FILE: fi.greeting is not a text");
  });
});
