export * from "./api.ts";
export * from "./community.ts";
export * from "./discourse.ts";
export * from "./gitlab.ts";
export * from "./issues.ts";
export * from "./jobs.ts";
export * from "./matrix-ids.ts";
export * from "./notify.ts";
