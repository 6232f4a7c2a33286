import { z } from "zod";

// Server names per the Matrix spec: a DNS name, IPv4 or [IPv6] literal, with an optional port.
const serverName = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?`;

// Historical user ids allow any printable ASCII but ':' in the localpart, and servers still
// have such accounts, so only the modern rules for new accounts would be too strict.
const userIdPattern = new RegExp(String.raw`^@[\x21-\x39\x3B-\x7E]+:${serverName}$`);
// Room ids of room version 12 and later have no server part (`!opaque`), older ones do.
const roomIdPattern = new RegExp(String.raw`^![\x21-\x39\x3B-\x7E]+(?::${serverName})?$`);
const roomAliasPattern = new RegExp(String.raw`^#[\x21-\x39\x3B-\x7E]+:${serverName}$`);

// The spec caps every identifier at 255 bytes.
const MAX_ID_LENGTH = 255;

export const MatrixUserId = z
  .string()
  .max(MAX_ID_LENGTH, "is longer than the 255 characters Matrix allows")
  .regex(userIdPattern, "must be a Matrix user id like @jdoe:example.org");
export type MatrixUserId = z.infer<typeof MatrixUserId>;

export const MatrixRoomId = z
  .string()
  .max(MAX_ID_LENGTH, "is longer than the 255 characters Matrix allows")
  .regex(roomIdPattern, "must be a Matrix room id like !abc:example.org");
export type MatrixRoomId = z.infer<typeof MatrixRoomId>;

/** Where a message can be sent: a room id, or an alias the bot resolves when it joins. */
export const MatrixRoom = z
  .string()
  .max(MAX_ID_LENGTH, "is longer than the 255 characters Matrix allows")
  .refine(
    (room) => roomIdPattern.test(room) || roomAliasPattern.test(room),
    "must be a Matrix room id like !abc:example.org or alias like #room:example.org",
  );
export type MatrixRoom = z.infer<typeof MatrixRoom>;
