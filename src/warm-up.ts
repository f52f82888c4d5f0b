/**
 * What a server does once before it takes its first question: load the
 * language model and start the chart threads, so that none of the first
 * questions (or their Slack acks) waits hundreds of milliseconds for them.
 */
import { startRenderThreads } from "../charts/index.js";
import { tokenize } from "./questions/nlp.js";

export async function warmUp(): Promise<void> {
  tokenize("warm up");
  await startRenderThreads();
}
