/** What every Slack feature needs: the core, delivery, and the bookkeeping of work in flight. */
import { AsyncLocalStorage } from "node:async_hooks";
import type { webApi } from "@slack/bolt";
import type { ChannelDirectory } from "../../src/alerts/channels.js";
import type { Asker, Reply } from "../../src/assistant/types.js";
import type { EventClaim } from "../../src/deliveries/events.js";
import type { Pulse } from "../../src/pulse.js";
import { slackChannels } from "./channels.js";
import { deliver, deliverPrivately, type Place } from "./deliver.js";

export interface SlackContext {
  pulse: Pulse;
  /** Threads Pulse has answered in: replies there are follow-ups even without a mention. */
  threads: Set<string>;
  /** Runs work in the background, after the requests already waiting; tracked so a stop can wait for it. */
  track(work: () => Promise<unknown>): void;
  asker(userId: string, channel: string): Asker;
  /** The workspace's channels by name, for an alert naming one as "#sales". */
  channels: ChannelDirectory;
  send(client: webApi.WebClient, place: Place, reply: Reply): Promise<void>;
  /**
   * Runs an event's listeners (`next`) under its claim: the event is handled once the work
   * they tracked is done (at once when they tracked none), and can be answered again when
   * a listener fails before tracking any.
   */
  claimed(claim: EventClaim, next: () => Promise<void>): Promise<void>;
}

/** The claim of the event whose listeners run, and how much of its tracked work is left. */
interface ClaimInFlight {
  claim: EventClaim;
  works: number;
}

const MAX_THREADS = 10_000;
/** How long an answer waits before it starts, so the acks of requests arriving with it go out first. */
const ACK_FIRST_MS = 25;

/** What the app adds to the features' context: the requests in hand, and waiting them out. */
export interface SlackBookkeeping {
  /** Counts `processing` (a request Bolt handles) as in flight until it settles; returns it. */
  watch<T>(processing: Promise<T>): Promise<T>;
  /** Waits for every request in hand and all the work it tracked. */
  idle(): Promise<void>;
}

export function createSlackContext(
  pulse: Pulse,
  client: webApi.WebClient,
): SlackContext & SlackBookkeeping {
  const inFlight = new Set<Promise<unknown>>();
  const threads = new Set<string>();
  const claims = new AsyncLocalStorage<ClaimInFlight>();
  const settle = (claim: EventClaim, how: "handled" | "dropped") =>
    claim[how]().catch((error: unknown) =>
      pulse.logger.error({ err: error }, "Slack event claim not settled"),
    );
  return {
    pulse,
    threads,
    track(work) {
      const event = claims.getStore();
      if (event) event.works++;
      // Started at once, an answer's first steps would run before the other requests of a burst
      // are even read, and their acks would queue behind it: measured with 20 commands arriving
      // together, the last ack took 110 ms after setImmediate and 40 ms after this short wait.
      const tracked = new Promise<void>((resolve) => setTimeout(resolve, ACK_FIRST_MS))
        .then(work)
        .catch((error: unknown) => pulse.logger.error({ err: error }, "Slack work failed"))
        .finally(async () => {
          inFlight.delete(tracked);
          if (event && --event.works === 0) await settle(event.claim, "handled");
        });
      inFlight.add(tracked);
    },
    channels: slackChannels(client, pulse.clock),
    asker: (userId, channel) => ({
      workspaceId: pulse.workspaceId,
      platform: "slack",
      userId,
      chatId: channel,
      // Slack's direct-message channel ids start with D.
      isDirect: channel.startsWith("D"),
    }),
    async send(client, place, reply) {
      // Known before the answer lands, so a quick reply in the thread is already a follow-up.
      if (place.threadTs) {
        threads.add(`${place.channel}:${place.threadTs}`);
        if (threads.size > MAX_THREADS) threads.delete(threads.values().next().value!);
      }
      try {
        await deliver(client, pulse.logger, place, reply);
      } catch (error) {
        pulse.logger.error({ err: error }, "Slack refused a reply; telling the asker alone");
        await deliverPrivately(client, place, reply, error);
      }
    },
    async claimed(claim, next) {
      const event: ClaimInFlight = { claim, works: 0 };
      try {
        await claims.run(event, next);
      } catch (error) {
        if (event.works === 0) await settle(claim, "dropped");
        throw error;
      }
      if (event.works === 0) await settle(claim, "handled");
    },
    watch(processing) {
      const settled = processing.then(
        () => {},
        () => {},
      );
      inFlight.add(settled);
      void settled.finally(() => inFlight.delete(settled));
      return processing;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
