export { chatFailureText } from "./chat-failure.ts";
export { parseIssueRef, type IssueRef } from "./issue-ref.ts";
export { registerTriageCommands, type ChatCommandRouter, type TriageChatOptions } from "./register-triage-commands.ts";
export type { ChatAnswer, TriageChatContext } from "./chat-context.ts";
