import { randomUUID } from "node:crypto";
import type { Sql } from "@agora/db";
import type { MatrixTransport } from "@agora/matrix";
import { createRoomPacer, defaultNotifierLimits, type NotifierContext } from "../src/index.ts";

/** A context whose waits are recorded and skipped, so fault tests run in milliseconds. */
export function testContext(db: Sql, transport: MatrixTransport): NotifierContext & { waits: number[] } {
  const waits: number[] = [];
  return {
    db,
    transport,
    pacer: createRoomPacer({ burst: 1000, perSecond: 1000 }),
    logger: { info() {}, warn() {} },
    limits: { ...defaultNotifierLimits },
    waits,
    async sleep(ms) {
      waits.push(ms);
    },
  };
}

/** A dedupe key no other test uses. */
export const uniqueKey = (label: string) => `test:${label}:${randomUUID()}`;
/** A room id no other test uses. */
export const uniqueRoom = () => `!${randomUUID().slice(0, 8)}:fake.test`;
