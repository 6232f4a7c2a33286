import { parseGitlabWebhook } from "@agora/schemas";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON fixtures edited per test

/**
 * A GitLab fixture edited for one test and parsed as the intake parses it, wrapped as the stored
 * delivery a consumer is handed. A fixture the edit no longer lets parse fails the test here.
 */
export function gitlabDelivery(body: Json, edit: (hook: Json) => void = () => {}) {
  const hook = structuredClone(body);
  edit(hook);
  const parsed = parseGitlabWebhook(hook);
  if (!parsed.success) throw new Error(`the fixture no longer parses: ${parsed.error.message}`);
  const delivery = { id: "d-1", source: "gitlab" as const, event: "Hook", headers: {}, receivedAt: new Date() };
  return { source: "gitlab" as const, delivery, hook: parsed.data };
}
