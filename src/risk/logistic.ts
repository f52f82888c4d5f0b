/**
 * Logistic regression for churn risk: standardised features, L2 penalty,
 * full-batch gradient descent (deterministic), and the ROC AUC to judge it.
 */

export interface LogisticModel {
  weights: number[];
  bias: number;
  means: number[];
  scales: number[];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function trainLogistic(
  rows: number[][],
  labels: number[],
  options: { iterations?: number; rate?: number; l2?: number } = {},
): LogisticModel {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const means = Array.from({ length: d }, (_, j) => rows.reduce((a, r) => a + r[j]!, 0) / n);
  const scales = Array.from(
    { length: d },
    (_, j) => Math.sqrt(rows.reduce((a, r) => a + (r[j]! - means[j]!) ** 2, 0) / n) || 1,
  );
  const x = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  const rate = options.rate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  for (let it = 0; it < (options.iterations ?? 400); it++) {
    const grad = new Array<number>(d).fill(0);
    let gradBias = 0;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let z = bias;
      for (let j = 0; j < d; j++) z += weights[j]! * row[j]!;
      const error = sigmoid(z) - labels[i]!;
      gradBias += error;
      for (let j = 0; j < d; j++) grad[j]! += error * row[j]!;
    }
    for (let j = 0; j < d; j++) weights[j]! -= rate * (grad[j]! / n + l2 * weights[j]!);
    bias -= rate * (gradBias / n);
  }
  return { weights, bias, means, scales };
}

/** Probability of the positive class, and each feature's contribution to the log-odds (for "top factors"). */
export function predict(
  model: LogisticModel,
  row: number[],
): { probability: number; contributions: number[] } {
  const contributions = row.map(
    (v, j) => model.weights[j]! * ((v - model.means[j]!) / model.scales[j]!),
  );
  return {
    probability: sigmoid(model.bias + contributions.reduce((a, b) => a + b, 0)),
    contributions,
  };
}

/** ROC AUC: the chance a random positive scores above a random negative (ties count half). */
export function rocAuc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (order[k]![1] === 1) {
        rankSum += averageRank;
        positives++;
      }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
