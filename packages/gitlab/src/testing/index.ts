export { startFakeGitlab, type FakeGitlab, type FakeIssue, type FakeUser, type RecordedRequest } from "./fake-gitlab.ts";
