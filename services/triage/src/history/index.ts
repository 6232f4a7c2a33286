export * from "./import-history.ts";
