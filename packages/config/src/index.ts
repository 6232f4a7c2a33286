export * from "./check-config.ts";
export * from "./community-file.ts";
export * from "./env.ts";
