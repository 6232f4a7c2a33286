export * from "./apply-sweep.ts";
export * from "./plan-sweep.ts";
export * from "./resolve-projects.ts";
export * from "./run-sweep.ts";
export * from "./scheduled-sweeps.ts";
export * from "./sweep-digest.ts";
export * from "./sweep-gitlab.ts";
export * from "./triage-policy.ts";
