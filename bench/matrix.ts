import { migrate, openPostgres } from "@agora/db";
import { createPostgresDatabase } from "@agora/db/testing";
import { createMatrixTransport, type MatrixTransport } from "@agora/matrix";
import { createRoom, startSynapse, type RegisteredUser, type TestSynapse } from "@agora/matrix/testing";
import { startNotifierWorker } from "@agora/notifier";
import { createJobQueue, notifyJob, type JobQueue } from "@agora/queue";

export interface MatrixFigures {
  variant: string;
  /** Milliseconds from the send (or enqueue) to the reader's /sync returning the event. */
  p50: number;
  p99: number;
  /** Messages a second, from the first send to the last event seen. */
  oneRoom: number;
  tenRooms: number;
}

export interface MatrixBenchOptions {
  /** Duration of the fixed-rate run. */
  seconds: number;
  rate: number;
  /** Messages in each throughput run. */
  messages: number;
}

const ROOMS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The reader's side: one /sync long-poll at a time, filtered to the rooms' messages, noting when
 * each body is first returned. That moment is when a Matrix client would show it.
 */
function watchRooms(baseUrl: string, reader: RegisteredUser, roomIds: readonly string[]) {
  const seen = new Map<string, number>();
  const waiters = new Set<() => void>();
  const stop = new AbortController();
  const filter = JSON.stringify({
    presence: { types: [] },
    account_data: { types: [] },
    room: {
      rooms: roomIds,
      timeline: { limit: 1000, types: ["m.room.message"] },
      state: { types: [] },
      ephemeral: { types: [] },
      account_data: { types: [] },
    },
  });
  async function sync(since: string | undefined): Promise<string> {
    const query = new URLSearchParams({ filter, timeout: since ? "30000" : "0", ...(since ? { since } : {}) });
    const response = await fetch(`${baseUrl}/_matrix/client/v3/sync?${query}`, {
      headers: { authorization: `Bearer ${reader.accessToken}` },
      signal: stop.signal,
    });
    if (!response.ok) throw new Error(`/sync: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as {
      next_batch: string;
      rooms?: { join?: Record<string, { timeline: { events: { content: { body?: string } }[] } }> };
    };
    const at = Date.now();
    for (const room of Object.values(body.rooms?.join ?? {})) {
      for (const event of room.timeline.events)
        if (event.content.body && !seen.has(event.content.body)) seen.set(event.content.body, at);
    }
    for (const waiter of waiters) waiter();
    return body.next_batch;
  }
  const started = sync(undefined);
  const loop = started.then(async (first) => {
    let since = first;
    while (!stop.signal.aborted) since = await sync(since);
  });
  loop.catch(() => {});
  return {
    /** Resolves once the watch has its starting point: only later events count. */
    started,
    seen,
    async all(bodies: readonly string[], timeoutMs = 120_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!bodies.every((b) => seen.has(b))) {
        if (Date.now() > deadline)
          throw new Error(`only ${bodies.filter((b) => seen.has(b)).length} of ${bodies.length} messages seen`);
        await Promise.race([new Promise<void>((resolve) => waiters.add(resolve)), sleep(1000), loop]);
        waiters.clear();
      }
    },
    stop: () => stop.abort(),
  };
}

type Watch = ReturnType<typeof watchRooms>;
/** Sends one message and resolves when it is sent (or enqueued). */
type Sender = (room: string, body: string, key: string) => Promise<unknown>;

async function atRate(watch: Watch, send: Sender, room: string, label: string, { seconds, rate }: MatrixBenchOptions) {
  const sentAt = new Map<string, number>();
  const sends: Promise<unknown>[] = [];
  const start = Date.now();
  for (let i = 0; i < seconds * rate; i++) {
    await sleep(start + (i * 1000) / rate - Date.now());
    const body = `${label} ${i}`;
    sentAt.set(body, Date.now());
    sends.push(send(room, body, body));
  }
  await Promise.all(sends);
  await watch.all([...sentAt.keys()]);
  const latencies = [...sentAt].map(([body, at]) => watch.seen.get(body)! - at).sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Messages a second for `messages` sent at once, spread evenly over `rooms`. */
async function throughput(
  watch: Watch,
  sendAll: (items: { room: string; body: string }[]) => Promise<void>,
  rooms: readonly string[],
  label: string,
  messages: number,
) {
  const items = Array.from({ length: messages }, (_, i) => ({ room: rooms[i % rooms.length]!, body: `${label} ${i}` }));
  const start = Date.now();
  await sendAll(items);
  await watch.all(items.map((item) => item.body));
  const last = Math.max(...items.map((item) => watch.seen.get(item.body)!));
  return messages / ((last - start) / 1000);
}

/** The baseline: straight to the homeserver, one message at a time per room, rooms side by side as the worker's lanes go. */
function directSenders(transport: MatrixTransport) {
  const send: Sender = (room, body, key) =>
    transport.sendEvent(room, "m.room.message", { msgtype: "m.notice", body }, `direct-${key}`);
  const sendAll = async (items: { room: string; body: string }[]) => {
    const byRoom = Map.groupBy(items, (item) => item.room);
    await Promise.all(
      [...byRoom.values()].map(async (lane) => {
        for (const item of lane) await send(item.room, item.body, item.body);
      }),
    );
  };
  return { send, sendAll };
}

function queueSenders(queue: JobQueue) {
  const send: Sender = (room, body, key) => queue.send(notifyJob, { action: "send", dedupeKey: key, room, body });
  const sendAll = async (items: { room: string; body: string }[]) => {
    await queue.sendMany(
      notifyJob,
      items.map((item) => ({ action: "send" as const, dedupeKey: item.body, room: item.room, body: item.body })),
    );
  };
  return { send, sendAll };
}

/**
 * Notify jobs from enqueue to the event a second user sees, against a real Synapse and
 * PostgreSQL, beside the same messages sent straight through the transport.
 */
export async function matrixBenchmark(options: MatrixBenchOptions): Promise<MatrixFigures[]> {
  let synapse: TestSynapse | undefined;
  const database = await createPostgresDatabase();
  const db = await openPostgres(database.url);
  let queue: JobQueue | undefined;
  let watch: Watch | undefined;
  try {
    await migrate(db);
    synapse = await startSynapse();
    const bot = await synapse.registerUser("bench-bot");
    const reader = await synapse.registerUser("bench-reader");
    await synapse.liftRateLimits(bot.userId);
    const transport = await createMatrixTransport({
      baseUrl: synapse.baseUrl,
      accessToken: bot.accessToken,
      userId: bot.userId,
    });
    const rooms: string[] = [];
    for (let i = 0; i < ROOMS; i++) {
      const roomId = await createRoom(synapse.baseUrl, reader.accessToken, { invite: [bot.userId] });
      await transport.joinRoom(roomId);
      rooms.push(roomId);
    }
    watch = watchRooms(synapse.baseUrl, reader, rooms);
    await watch.started;

    // The queue with its production settings; the notifier's own room pacing (a burst of 5,
    // then 1/s) is lifted like the homeserver's limits, or it alone would set the figures.
    queue = createJobQueue({ db });
    await queue.start();
    await startNotifierWorker({
      queue,
      db,
      transport,
      logger: { info() {}, warn() {} },
      pacing: { burst: 10_000, perSecond: 10_000 },
    });

    const figures: MatrixFigures[] = [];
    for (const [variant, senders] of [
      ["direct transport (baseline)", directSenders(transport)],
      ["notify job, queue + worker", queueSenders(queue)],
    ] as const) {
      const tag = variant.split(" ")[0]!;
      await throughput(watch, senders.sendAll, rooms, `${tag}-warm`, 50);
      const latency = await atRate(watch, senders.send, rooms[0]!, `${tag}-rate`, options);
      const oneRoom = await throughput(watch, senders.sendAll, rooms.slice(0, 1), `${tag}-one`, options.messages);
      const tenRooms = await throughput(watch, senders.sendAll, rooms, `${tag}-ten`, options.messages);
      figures.push({ variant, ...latency, oneRoom, tenRooms });
    }
    return figures;
  } finally {
    watch?.stop();
    await queue?.stop({ timeoutMs: 5_000 });
    await db.close();
    await database.drop();
    await synapse?.close();
  }
}
