import type { Formula, MeasureId } from "./types.js";

export const measure = (id: MeasureId): Formula => ({ op: "measure", measure: id });

export const ratio = (numerator: Formula, denominator: Formula, scale = 1): Formula => ({
  op: "ratio",
  numerator,
  denominator,
  scale,
});

export const difference = (left: Formula, right: Formula): Formula => ({
  op: "difference",
  left,
  right,
});

/** Evaluates a formula over measure values; undefined parts and zero denominators give null. */
export function evaluate(
  formula: Formula,
  values: Partial<Record<MeasureId, number>>,
): number | null {
  switch (formula.op) {
    case "measure":
      return values[formula.measure] ?? 0;
    case "difference": {
      const left = evaluate(formula.left, values);
      const right = evaluate(formula.right, values);
      return left === null || right === null ? null : left - right;
    }
    case "ratio": {
      const numerator = evaluate(formula.numerator, values);
      const denominator = evaluate(formula.denominator, values);
      if (numerator === null || denominator === null || denominator === 0) return null;
      return (numerator / denominator) * formula.scale;
    }
  }
}

/** Every measure a formula reads, each once. */
export function measuresOf(formula: Formula): MeasureId[] {
  switch (formula.op) {
    case "measure":
      return [formula.measure];
    case "difference":
      return [...new Set([...measuresOf(formula.left), ...measuresOf(formula.right)])];
    case "ratio":
      return [...new Set([...measuresOf(formula.numerator), ...measuresOf(formula.denominator)])];
  }
}
