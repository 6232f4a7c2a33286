import { Agent, request } from "node:http";

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

export interface Target {
  url: string;
  /** Called for request i: its headers and body. */
  make(i: number): { headers: Record<string, string>; body: string };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function send(agent: Agent, target: Target, i: number): Promise<{ ms: number; status: number }> {
  const { headers, body } = target.make(i);
  const url = new URL(target.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        method: "POST",
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function summarise(latencies: number[], statuses: Record<number, number>, seconds: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
  };
}

/** As fast as it goes: `connections` requests in flight at all times, for `seconds`. */
export async function closedLoop(
  target: Target,
  connections: number,
  seconds: number,
  offset = 0,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = offset;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const r = await send(agent, target, next++);
        latencies.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  return summarise(latencies, statuses, (performance.now() - started) / 1000);
}

/** A fixed arrival rate, whatever the answers' speed: latency as a sender at that rate sees it. */
export async function openLoop(target: Target, perSecond: number, seconds: number, offset = 0): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const total = Math.round(perSecond * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      send(agent, target, offset + i).then((r) => {
        latencies.push(r.ms);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return summarise(latencies, statuses, (performance.now() - started) / 1000);
}
