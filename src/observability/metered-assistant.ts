/**
 * The assistant as adapters see it, with every reply counted and timed by
 * kind and platform: one place measures every chat platform alike.
 */
import type { Asker, Assistant, Reply } from "../assistant/types.js";
import type { Telemetry } from "./telemetry.js";

export function meteredAssistant(assistant: Assistant, telemetry: Telemetry): Assistant {
  const timed = async (asker: Asker, reply: () => Promise<Reply>): Promise<Reply> => {
    const started = performance.now();
    const result = await reply();
    telemetry.answered(result.kind, asker.platform, (performance.now() - started) / 1000);
    return result;
  };
  return {
    ask: (input) => timed(input.asker, () => assistant.ask(input)),
    createAlert: (input) => timed(input.asker, () => assistant.createAlert(input)),
    screen: (input) => assistant.screen(input),
    knows: (conversationId) => assistant.knows(conversationId),
    explain: (answerId, asker) => timed(asker, () => assistant.explain(answerId, asker)),
    why: (answerId, asker) => timed(asker, () => assistant.why(answerId, asker)),
    table: (answerId, asker) => timed(asker, () => assistant.table(answerId, asker)),
    breakDown: (answerId, dimension, asker) =>
      timed(asker, () => assistant.breakDown(answerId, dimension, asker)),
    act: (action, asker) => timed(asker, () => assistant.act(action, asker)),
  };
}
