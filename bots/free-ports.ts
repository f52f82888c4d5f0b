/**
 * Every port `pulse serve` will listen on is tried before any adapter starts,
 * so a clash stops Pulse at once with the variable to change, not halfway
 * through start-up with a bare EADDRINUSE.
 */
import { createServer } from "node:net";
import type { Listener } from "../src/config/config.js";
import { ConfigError } from "../src/errors.js";

const tryListen = (port: number) =>
  new Promise<NodeJS.ErrnoException | null>((resolve) => {
    const probe = createServer();
    probe.once("error", (error) => resolve(error));
    probe.listen(port, () => probe.close(() => resolve(null)));
  });

export async function assertPortsFree(listeners: readonly Listener[]): Promise<void> {
  for (const { variable, port } of listeners) {
    if (port === 0) continue;
    const error = await tryListen(port);
    if (!error) continue;
    const why =
      error.code === "EADDRINUSE"
        ? "is in use by another program"
        : error.code === "EACCES"
          ? "needs privileges this process lacks"
          : `cannot be listened on (${error.code ?? error.message})`;
    throw new ConfigError(
      `${variable}: port ${port} ${why}; stop that program or choose another port`,
    );
  }
}
