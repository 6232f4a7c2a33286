export { chatFailureText } from "./chat-failure.ts";
export { parseIssueRef, type IssueRef } from "./issue-ref.ts";
export { registerTriageCommands, runTriage, type ChatCommandRouter, type TriageChatContext } from "./register-triage-commands.ts";
export { listRecentDecisions, type QueuedDecision } from "./triage-queue.ts";
