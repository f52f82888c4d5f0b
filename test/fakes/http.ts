/** What the fake platform servers share: reading a request body and waiting for calls to arrive. */
import type { IncomingMessage } from "node:http";

export const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req
      .on("data", (c: Buffer) => chunks.push(c))
      .on("end", () => resolve(Buffer.concat(chunks)))
      .on("error", reject);
  });

/**
 * Polls until `predicate` holds for the recorded calls, or fails listing what did arrive. The
 * deadline only bounds a failure: on a loaded two-core machine answers took over 15 s (seen).
 */
export async function waitForCalls<C extends { method: string }>(
  calls: C[],
  predicate: (calls: C[]) => boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  while (!predicate(calls)) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out; calls: ${calls.map((c) => c.method).join(", ")}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
