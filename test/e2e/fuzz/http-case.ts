/** What the server must answer to one fuzzed request. */
export type Expectation =
  /** An authenticated, well-formed delivery: 202, and its row is stored (once, when it has a key). */
  | { kind: "delivery"; status: 202; keyed: boolean }
  /**
   * Refused with exactly this status; a refused delivery stores nothing. `orReset`: the server may
   * also close the connection before reading the body, which the sender sees as a reset.
   */
  | { kind: "refused"; status: number; reason: string; orReset?: boolean }
  /** A valid answer to an open survey: stored, and the browser is sent to the thanks page. */
  | { kind: "answer"; status: 303 }
  /** Refused with some 4xx: which one is the server's choice. */
  | { kind: "refused-4xx"; reason: string }
  /** Anything but a server error; a 303 means one answer was stored. */
  | { kind: "no-5xx" };

/** One request a recipe built, with the marker that finds what it stored. */
export interface HttpCase {
  marker: string;
  family: "gitlab" | "discourse" | "survey";
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
  /** 2: sent twice at the same moment, as a person re-sending a delivery does. */
  sends: 1 | 2;
  expect: Expectation;
  /** The recipe in a line, without the bytes it built. */
  description: string;
}

/** `fz` and eight digits: fixed width, so a stored body's marker is read with one substr. */
export function markerFor(serial: number): string {
  return `fz${String(serial).padStart(8, "0")}`;
}

const opening = '{"agora_fuzz_case":"';

/** The opening of every fuzzed webhook body: the marker as the first member. */
export function markerPrefix(marker: string): string {
  return `${opening}${marker}",`;
}

/** Where the marker sits in a stored body (1-based, for SQL's substr). */
export const MARKER_OFFSET = opening.length + 1;
export const MARKER_LENGTH = markerFor(0).length;
