export * from "./apply-sweep.ts";
export * from "./plan-sweep.ts";
export * from "./sweep-gitlab.ts";
export * from "./triage-policy.ts";
