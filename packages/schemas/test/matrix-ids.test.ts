import { describe, expect, it } from "vitest";
import { MatrixRoom, MatrixRoomId, MatrixUserId } from "../src/index.ts";

describe("Matrix identifiers", () => {
  it("accept user ids, including historical localparts and servers with ports", () => {
    for (const id of ["@jdoe:example.org", "@Old_User=2:matrix.example.org:8448", "@bot:[::1]:8008", "@a:127.0.0.1"]) {
      expect(MatrixUserId.safeParse(id).success, id).toBe(true);
    }
  });

  it("reject what is not a user id", () => {
    for (const id of [
      "jdoe",
      "@jdoe",
      "jdoe:example.org",
      "#room:example.org",
      "@jo doe:example.org",
      `@${"a".repeat(250)}:example.org`,
    ]) {
      expect(MatrixUserId.safeParse(id).success, id).toBe(false);
    }
  });

  it("accept room ids with a server and the server-less ids of room version 12", () => {
    expect(MatrixRoomId.safeParse("!abc:example.org").success).toBe(true);
    expect(MatrixRoomId.safeParse("!0h5KHhRxGHMPBHkk5rXb7e4eItgUd0qUpiWQmDb8mvM").success).toBe(true);
    expect(MatrixRoomId.safeParse("#abc:example.org").success).toBe(false);
  });

  it("accept a room id or an alias where a room is expected, and say which forms are meant", () => {
    expect(MatrixRoom.safeParse("#cloud:example.org").success).toBe(true);
    expect(MatrixRoom.safeParse("!abc:example.org").success).toBe(true);
    const result = MatrixRoom.safeParse("#cloud");
    expect(result.error?.issues[0]?.message).toBe(
      "must be a Matrix room id like !abc:example.org or alias like #room:example.org",
    );
  });
});
