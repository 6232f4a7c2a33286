import { readFileSync } from "node:fs";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import type { Community, NotifyJob } from "@agora/schemas";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createProjectActivityConsumer } from "../../src/consumers/index.ts";
import { gitlabDelivery, type Json } from "../gitlab-deliveries.ts";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as Json;

/** One of GitLab's documented payloads shared by the packages (packages/schemas/test/fixtures/gitlab). */
export const sharedHook = (name: string) => read(`../../../../packages/schemas/test/fixtures/gitlab/${name}.json`);

/**
 * One of this package's GitLab payloads (test/fixtures/gitlab/README.md). GitLab's examples come
 * from unrelated projects, two of them with id 1 (the tag push's is private, the public):
 * the tag push's gets an id of its own, or it would read as one project made private.
 */
export const ownHook = (name: string) => {
  const hook = read(`../fixtures/gitlab/${name}.json`);
  if (name === "tag-push") hook.project.id = hook.project_id = 3;
  return hook;
};

/**
 * The project-activity consumer of `community` on a PGlite database, for the enclosing describe:
 * `deliver` runs a GitLab hook through it in a delivery's transaction, and `jobs` holds what it
 * enqueued since the last `clear()` (each test starts empty).
 */
export function activityHarness(community: Community) {
  let t: TestDatabase | undefined;
  const jobs: NotifyJob[] = [];
  const consumer = createProjectActivityConsumer({
    community,
    logger: { info: () => {} },
    queue: {
      sendMany: async (_definition, sent) => {
        jobs.push(...(sent as readonly unknown[] as NotifyJob[]));
        return [];
      },
    },
  });
  beforeAll(async () => {
    t = await freshDatabase("pglite");
  });
  afterAll(() => t?.drop());
  beforeEach(() => {
    jobs.length = 0;
  });
  const db = () => {
    if (!t) throw new Error("the activity harness's database is opened in beforeAll");
    return t.db;
  };
  return {
    get db() {
      return db();
    },
    jobs,
    clear() {
      jobs.length = 0;
    },
    deliver: (body: Json, edit: (h: Json) => void = () => {}) =>
      db().transaction((tx) => consumer.accept(tx, gitlabDelivery(body, edit))),
  };
}
