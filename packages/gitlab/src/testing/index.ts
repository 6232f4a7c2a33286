export {
  startFakeGitlab,
  type FakeGitlab,
  type FakeIssue,
  type FakeProject,
  type FakeUser,
  type RecordedRequest,
} from "./fake-gitlab.ts";
