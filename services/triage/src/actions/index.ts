export {
  NEEDS_INFO_LABEL,
  NEEDS_TRIAGE_LABEL,
  type ActionResult,
  type ActionsContext,
  type ActionsLogger,
} from "./actions-context.ts";
export { applyRouting, type ApplyRoutingInput, type RoutingDecision } from "./apply-routing.ts";
export { underGitlabFailurePolicy } from "./gitlab-failure-policy.ts";
export { TriageError, type TriageRefusal } from "./triage-error.ts";
export { requestMissingInfo, type RequestMissingInfoInput } from "./request-missing-info.ts";
