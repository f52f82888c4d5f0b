/**
 * Bolt's HTTP receiver, refusing requests stamped in the future as well as
 * stale ones: Bolt checks only that a request is under five minutes old, so
 * a captured request with a timestamp ahead of the clock would stay
 * replayable until that time came.
 */
import { type CustomRoute, HTTPReceiver, type Logger } from "@slack/bolt";

/** Slack's own window for a request's timestamp, in seconds. */
const MAX_SKEW_SECONDS = 5 * 60;

export function slackReceiver(options: {
  signingSecret: string;
  port: number;
  logger: Logger;
  /** Other GET routes on the same port (health and metrics). */
  customRoutes?: CustomRoute[];
}): HTTPReceiver {
  const receiver = new HTTPReceiver(options);
  const handle = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const stamp = Number(req.headers["x-slack-request-timestamp"]);
    if (stamp > Date.now() / 1000 + MAX_SKEW_SECONDS) {
      options.logger.warn("Slack request refused: its timestamp is more than 5 minutes ahead");
      res.writeHead(401).end();
      return;
    }
    handle(req, res);
  };
  return receiver;
}
