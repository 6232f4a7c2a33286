export * from "./check-config.ts";
export * from "./check-env.ts";
export * from "./community-file.ts";
export * from "./env.ts";
export * from "./bindings.ts";
