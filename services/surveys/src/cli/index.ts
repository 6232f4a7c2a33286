export { runBlindToken, type Output } from "./blind-token-command.ts";
