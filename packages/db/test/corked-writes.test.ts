import { describe, expect, it } from "vitest";
import { coalesceCorkedWrites } from "../src/corked-writes.ts";

type WriteDone = (error?: Error | null) => void;

/** A socket as pg-cloudflare's: a write method only, each call one packet. */
function packetSocket() {
  const packets: string[] = [];
  let fail: Error | undefined;
  const socket = {
    write(data: Uint8Array | string, encodingOrDone?: string | WriteDone, done?: WriteDone) {
      packets.push(typeof data === "string" ? data : new TextDecoder().decode(data));
      const callback = typeof encodingOrDone === "function" ? encodingOrDone : done;
      queueMicrotask(() => callback?.(fail ?? null));
      return true;
    },
    failNext(error: Error) {
      fail = error;
    },
  };
  return { socket, packets };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("coalesceCorkedWrites", () => {
  it("sends what is written between cork and uncork as one write, and calls back every writer", async () => {
    const { socket: plain, packets } = packetSocket();
    const socket = coalesceCorkedWrites(plain);
    const done: string[] = [];
    socket.cork();
    socket.write(bytes("parse|"), () => done.push("parse"));
    socket.write(bytes("bind|"), "utf8", () => done.push("bind"));
    socket.write(bytes("sync"), () => done.push("sync"));
    expect(packets).toEqual([]);
    socket.uncork();
    expect(packets).toEqual(["parse|bind|sync"]);
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toEqual(["parse", "bind", "sync"]);
  });

  it("writes at once when not corked, strings included", () => {
    const { socket: plain, packets } = packetSocket();
    const socket = coalesceCorkedWrites(plain);
    socket.write(bytes("begin"));
    socket.write("commit");
    expect(packets).toEqual(["begin", "commit"]);
  });

  it("passes a failed write's error to each writer it held", async () => {
    const { socket: plain } = packetSocket();
    const socket = coalesceCorkedWrites(plain);
    plain.failNext(new Error("socket closed"));
    const errors: (Error | null | undefined)[] = [];
    socket.cork();
    socket.write(bytes("a"), (error) => errors.push(error));
    socket.write(bytes("b"), (error) => errors.push(error));
    socket.uncork();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors.map((e) => e?.message)).toEqual(["socket closed", "socket closed"]);
  });

  it("leaves a socket that corks by itself (Node's) as it is", () => {
    const cork = () => {};
    const socket = { write: () => true, cork, uncork: () => {} };
    coalesceCorkedWrites(socket);
    expect(socket.cork).toBe(cork);
  });
});
