export { createGitlabApi, type GitlabApiOptions } from "./create-gitlab-api.ts";
export {
  GitlabCallError,
  type ClosedIssuesPage,
  type GitlabApi,
  type GitlabFailure,
  type GitlabIssue,
  type GitlabNote,
  type OpenIssue,
} from "./gitlab-api.ts";
export { classifyGitlabError } from "./gitlab-failure.ts";
export { rateLimitPatient, waitingOutRateLimits, type RateLimitPatience } from "./wait-out-rate-limits.ts";
