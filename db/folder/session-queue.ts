/**
 * PGlite is one Postgres session. Every connection to the folder's socket
 * shares it, so a connection must have the session to itself from its first
 * message until the backend is idle again (ReadyForQuery 'I'): through a
 * whole transaction and a whole Parse/Bind/Execute/Sync batch. pglite-socket's
 * own queue pins a connection only while a transaction is open, which lets two
 * clients' extended-protocol batches interleave (electric-sql/pglite#1046);
 * this queue replaces it and keeps its interface for PGLiteSocketHandler.
 */
import type { PGlite } from "@electric-sql/pglite";

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

/** A backend message: type byte, then its length (itself included), then the body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** ReadyForQuery, status 'I': the backend is idle, outside any transaction. */
const IDLE = message("Z", Buffer.from("I"));
/** A bare Sync: ends whatever batch a vanished client left half sent. */
const SYNC = new Uint8Array(message("S", Buffer.alloc(0)));
/** A simple-protocol ROLLBACK: undoes a vanished client's transaction. */
const ROLLBACK = new Uint8Array(message("Q", Buffer.from("ROLLBACK\0")));
/**
 * What a connection gets when the owner stops before its batch ran: SQLSTATE
 * 57P01 (admin_shutdown) and an idle ReadyForQuery. Only the session's holder
 * can be inside a transaction and the holder is let finish first, so a client
 * that gets this knows nothing of its batch ran and may send it to the next owner.
 */
export const SHUTDOWN_CODE = "57P01";
const SHUTDOWN = new Uint8Array(
  Buffer.concat([
    message(
      "E",
      Buffer.from(
        `SFATAL\0C${SHUTDOWN_CODE}\0Mthe Pulse process that owns the folder is stopping\0\0`,
      ),
    ),
    IDLE,
  ]),
);

/** How long a stopping owner lets the session's holder finish its transaction. */
const FINISH_MS = 10_000;

export class SessionQueue {
  private readonly queue: Pending[] = [];
  /** The connection that has the session, or null when the backend is idle. */
  private holder: number | null = null;
  private running = false;
  private stopping = false;
  /** Connections already told that the owner stops. */
  private readonly told = new Set<number>();
  private onIdle: (() => void) | undefined;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A connection closed: its waiting messages are dropped. */
  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const pending = this.queue[i];
      if (pending?.handlerId !== handlerId) continue;
      this.queue.splice(i, 1);
      pending.reject(new Error("connection closed"));
    }
  }

  /** A connection closed while it had the session: its batch and transaction are undone. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.holder !== handlerId) return;
    await this.reset();
    void this.drain();
  }

  /**
   * The owner stops: the holder finishes its batch or transaction (for a
   * while), everyone else is told nothing of theirs ran. Afterwards the
   * session is idle and the connections can be closed.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.holder !== null) {
      const idle = new Promise<void>((resolve) => {
        this.onIdle = resolve;
      });
      const timer = setTimeout(() => this.onIdle?.(), FINISH_MS);
      await idle;
      clearTimeout(timer);
      if (this.holder !== null) await this.reset();
    }
    await this.drain();
  }

  private async reset(): Promise<void> {
    await this.db.runExclusive(async () => {
      await this.db.execProtocolRaw(SYNC);
      if (this.db.isInTransaction()) await this.db.execProtocolRaw(ROLLBACK);
    });
    this.holder = null;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index =
          this.holder === null ? 0 : this.queue.findIndex((p) => p.handlerId === this.holder);
        const next = index >= 0 ? this.queue[index] : undefined;
        if (!next) break;
        this.queue.splice(index, 1);
        if (this.stopping && this.holder === null) {
          this.refuse(next);
          continue;
        }
        this.holder = next.handlerId;
        try {
          const tail = await this.run(next);
          if (tail.equals(IDLE)) this.holder = null;
        } catch (error) {
          next.reject(error instanceof Error ? error : new Error(String(error)));
          await this.reset();
        }
      }
    } finally {
      this.running = false;
    }
    if (this.holder === null) this.onIdle?.();
  }

  /** Tells a connection, once, that the owner stops; its later messages get no answer. */
  private refuse(pending: Pending): void {
    if (!this.told.has(pending.handlerId)) {
      this.told.add(pending.handlerId);
      pending.onData(SHUTDOWN);
    }
    pending.resolve(0);
  }

  /** Runs one message; returns the last bytes answered, where an idle ReadyForQuery would be. */
  private async run(pending: Pending): Promise<Buffer> {
    let tail = Buffer.alloc(0);
    let bytes = 0;
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(pending.message, {
        onRawData: (data) => {
          bytes += data.length;
          tail = Buffer.concat([tail, data]).subarray(-IDLE.length);
          pending.onData(data);
        },
      }),
    );
    pending.resolve(bytes);
    return tail;
  }
}
