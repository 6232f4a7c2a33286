import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { createPostgresDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GITLAB_SECRET, startAgora, type AgoraProcess } from "./processes.ts";

/** Resolves with what the server sent and how long it kept the connection open. */
async function heldFor(socket: Socket): Promise<{ seconds: number; received: string }> {
  const started = Date.now();
  let received = "";
  socket.on("data", (chunk) => (received += String(chunk)));
  socket.on("error", () => {});
  await once(socket, "close");
  return { seconds: (Date.now() - started) / 1000, received };
}

async function opened(port: number): Promise<Socket> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  return socket;
}

describe("the HTTP server's limits", () => {
  let agora: AgoraProcess;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await createPostgresDatabase();
    drop = db.drop;
    agora = await startAgora(["start"], {
      DATABASE_URL: db.url,
      LOG_LEVEL: "info",
      AGORA_HEADERS_TIMEOUT: "1s",
      AGORA_REQUEST_TIMEOUT: "2s",
      AGORA_KEEPALIVE_TIMEOUT: "1s",
      AGORA_MAX_CONNECTIONS: "8",
    });
  });
  afterAll(async () => {
    await agora?.stop();
    await drop?.();
  });

  it("answers 408 and closes a connection whose headers do not come in time", async () => {
    const socket = await opened(agora.port);
    socket.write("GET /healthz HTTP/1.1\r\nHost: agora\r\n");
    const { seconds, received } = await heldFor(socket);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(seconds).toBeLessThan(5);
  });

  it("cuts off a body trickled a byte at a time, long before Node's 300 s", async () => {
    const socket = await opened(agora.port);
    socket.write(
      `POST /hooks/gitlab HTTP/1.1\r\nHost: agora\r\nContent-Type: application/json\r\nX-Gitlab-Event: Issue Hook\r\nX-Gitlab-Token: ${GITLAB_SECRET}\r\nContent-Length: 1000\r\n\r\n`,
    );
    const trickle = setInterval(() => socket.writable && socket.write("{"), 500);
    const { seconds } = await heldFor(socket);
    clearInterval(trickle);
    expect(seconds).toBeLessThan(6);
  });

  it("closes connections past the cap at once and keeps serving the others", async () => {
    const held = await Promise.all(Array.from({ length: 8 }, () => opened(agora.port)));
    const extra = await opened(agora.port);
    const { seconds } = await heldFor(extra);
    expect(seconds).toBeLessThan(1);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${agora.url}/healthz`)).status).toBe(200);
  });

  it("logs a client that leaves mid-body as what it is, not as an error", async () => {
    const socket = await opened(agora.port);
    socket.write(
      `POST /hooks/gitlab HTTP/1.1\r\nHost: agora\r\nContent-Type: application/json\r\nX-Gitlab-Event: Issue Hook\r\nX-Gitlab-Token: ${GITLAB_SECRET}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const errors = agora
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((entry) => entry.level >= 50);
    expect(errors).toEqual([]);
    expect(agora.output()).toContain("client disconnected before the request was complete");
  });
});
