import { createHash } from "node:crypto";

/**
 * A post's messages in one room, named by instance, post, room, generation and version — never
 * by the event id: Discourse's retries carry a new event id for the same post and version, and
 * must reach the room once. Instance and room are hashed to keep keys short whatever their length.
 */
export interface PostInRoom {
  instance: string;
  postId: number;
  room: string;
  /** 0 until the post is recovered after a deletion; each recovery posts again under the next. */
  generation: number;
}

function prefix(p: PostInRoom): string {
  const place = createHash("sha256").update(`${p.instance}\n${p.room}`).digest("hex").slice(0, 16);
  return `forum:${place}:post:${p.postId}:g${p.generation}`;
}

export const postKey = (p: PostInRoom, version: number): string => `${prefix(p)}:v${version}`;

/**
 * Discourse does not raise `version` for edits within its grace period (5 minutes by default), so
 * an edit is also named by the post's `updated_at`, which a retry repeats unchanged.
 */
export const editKey = (p: PostInRoom, version: number, updatedAt: string | undefined): string =>
  `${prefix(p)}:v${version}:edit:${updatedAt ? Date.parse(updatedAt) || updatedAt : "unknown"}`;

export const redactKey = (p: PostInRoom): string => `${prefix(p)}:redact`;

/** What every key of the post's messages in one room (its generation) starts with. */
export const postKeyPrefix = (p: PostInRoom): string => `${prefix(p)}:`;

const EDIT = /:v\d+:edit:[^:]+$/;
export const isEditKey = (key: string): boolean => EDIT.test(key);

/** Redacting an edit is its own job, once per edit. */
export const editRedactKey = (edit: string): string => `${edit}:redact`;
