import type {
  GitlabIssueHook,
  GitlabMergeRequestHook,
  GitlabNoteHook,
  GitlabPipelineHook,
  GitlabPushHook,
  GitlabReleaseHook,
} from "@agora/schemas";
import { escapeUserText } from "../actions/sig-routing.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** One line of a SIG's room: text and HTML, and the link the text ends with. */
export interface ActivityLine {
  text: string;
  html: string;
}

const link = (url: string | undefined, text: string) =>
  url ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
/** Whose room a line is for: a SIG's lines start with its name; a subscribed room's need none. */
export type LineFor = { name?: string | undefined };

const line = (to: LineFor, parts: { text: string; html: string }, url: string | undefined): ActivityLine => ({
  text: `${to.name ? `${to.name}: ` : ""}${parts.text}${url ? ` ${url}` : ""}`,
  html: `${to.name ? `<b>${escapeHtml(to.name)}</b>: ` : ""}${parts.html}`,
});
const EXCERPT = 140;
const excerpt = (text: string) => {
  const flat = escapeUserText(text);
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

const MR_VERBS: Record<string, string> = {
  open: "opened",
  reopen: "reopened",
  close: "closed",
  merge: "merged",
  approved: "approved",
};

/** What a merge request event says in a room, or undefined for the many updates nobody needs to read. */
export function mergeRequestVerb(hook: GitlabMergeRequestHook): string | undefined {
  const action = hook.object_attributes.action ?? "";
  if (MR_VERBS[action]) return MR_VERBS[action];
  const draft = (hook.changes as { draft?: { previous?: unknown; current?: unknown } } | undefined)?.draft;
  if (action === "update" && draft?.previous === true && draft.current === false) return "marked as ready";
  return undefined;
}

export function mergeRequestLine(to: LineFor, hook: GitlabMergeRequestHook, verb: string): ActivityLine {
  const mr = hook.object_attributes;
  const ref = `${hook.project.path_with_namespace}!${mr.iid}`;
  const who = escapeUserText(hook.user.username);
  return line(
    to,
    {
      text: `${who} ${verb} ${ref} "${escapeUserText(mr.title)}"`,
      html: `${escapeHtml(who)} ${verb} ${link(mr.url, ref)} "${escapeHtml(escapeUserText(mr.title))}"`,
    },
    mr.url,
  );
}

export function noteLine(to: LineFor, hook: GitlabNoteHook): ActivityLine {
  const on = hook.issue
    ? `${hook.project.path_with_namespace}#${hook.issue.iid}`
    : hook.merge_request
      ? `${hook.project.path_with_namespace}!${hook.merge_request.iid}`
      : undefined;
  if (on === undefined) throw new Error("a note hook on neither an issue nor a merge request has no line");
  const who = escapeUserText(hook.user.username);
  const said = excerpt(hook.object_attributes.note);
  const url = hook.object_attributes.url;
  return line(
    to,
    {
      text: `${who} commented on ${on}: "${said}"`,
      html: `${escapeHtml(who)} ${link(url, "commented")} on ${escapeHtml(on)}: "${escapeHtml(said)}"`,
    },
    url,
  );
}

export function pipelineLine(to: LineFor, hook: GitlabPipelineHook, outcome: "failed" | "fixed"): ActivityLine {
  const p = hook.object_attributes;
  const project = hook.project.path_with_namespace;
  const commit = hook.commit?.title ?? hook.commit?.message?.split("\n")[0] ?? "";
  const what = outcome === "failed" ? "failed" : "passed again";
  const failedJobs =
    outcome === "failed" ? hook.builds.filter((b) => b.status === "failed" && !b.allow_failure).map((b) => b.name) : [];
  const jobs = failedJobs.length ? ` (${failedJobs.join(", ")})` : "";
  const on = commit ? `: "${excerpt(commit)}"` : "";
  return line(
    to,
    {
      text: `pipeline #${p.id} ${what} on ${p.ref} of ${project}${jobs}${on}`,
      html: `${link(p.url, `pipeline #${p.id}`)} ${what} on <code>${escapeHtml(p.ref)}</code> of ${escapeHtml(project)}${escapeHtml(jobs)}${escapeHtml(on)}`,
    },
    p.url,
  );
}

export function releaseLine(to: LineFor, hook: GitlabReleaseHook): ActivityLine {
  const project = hook.project.path_with_namespace;
  const name = escapeUserText(hook.name || hook.tag);
  return line(
    to,
    {
      text: `${project} released ${name}`,
      html: `${link(hook.project.web_url, project)} released ${link(hook.url, name)}`,
    },
    hook.url,
  );
}

export function pushLine(to: LineFor, hook: GitlabPushHook): ActivityLine {
  const project = hook.project.path_with_namespace;
  const who = escapeUserText(hook.user_name);
  if (hook.object_kind === "tag_push") {
    const tag = hook.ref.replace(/^refs\/tags\//, "");
    const url = `${hook.project.web_url}/-/tags/${encodeURIComponent(tag)}`;
    return line(
      to,
      {
        text: `${who} tagged ${tag} in ${project}`,
        html: `${escapeHtml(who)} tagged ${link(url, tag)} in ${escapeHtml(project)}`,
      },
      url,
    );
  }
  const branch = hook.ref.replace(/^refs\/heads\//, "");
  const n = hook.total_commits_count;
  const last = hook.commits.at(-1);
  const latest = last ? `: "${excerpt(last.title ?? last.message.split("\n")[0] ?? "")}"` : "";
  const url = `${hook.project.web_url}/-/compare/${hook.before.slice(0, 12)}...${hook.after.slice(0, 12)}`;
  const commits = `${n} commit${n === 1 ? "" : "s"}`;
  return line(
    to,
    {
      text: `${who} pushed ${commits} to ${branch} of ${project}${latest}`,
      html: `${escapeHtml(who)} pushed ${link(url, commits)} to <code>${escapeHtml(branch)}</code> of ${escapeHtml(project)}${escapeHtml(latest)}`,
    },
    url,
  );
}

export function issueStateLine(to: LineFor, hook: GitlabIssueHook, verb: string): ActivityLine {
  const issue = hook.object_attributes;
  const ref = `${hook.project.path_with_namespace}#${issue.iid}`;
  const who = escapeUserText(hook.user.username);
  return line(
    to,
    { text: `${who} ${verb} ${ref}`, html: `${escapeHtml(who)} ${verb} ${link(issue.url, ref)}` },
    issue.url,
  );
}

export function issueOpenedLine(to: LineFor, hook: GitlabIssueHook): ActivityLine {
  const issue = hook.object_attributes;
  const ref = `${hook.project.path_with_namespace}#${issue.iid}`;
  const who = escapeUserText(hook.user.username);
  const title = escapeUserText(issue.title);
  return line(
    to,
    {
      text: `${who} opened ${ref} "${title}"`,
      html: `${escapeHtml(who)} opened ${link(issue.url, ref)} "${escapeHtml(title)}"`,
    },
    issue.url,
  );
}

/** An issue's first message, edited to its new title: who opened it is not in the update, who renamed it is. */
export function issueRetitledLine(to: LineFor, hook: GitlabIssueHook): ActivityLine {
  const issue = hook.object_attributes;
  const ref = `${hook.project.path_with_namespace}#${issue.iid}`;
  const who = escapeUserText(hook.user.username);
  const title = escapeUserText(issue.title);
  return line(
    to,
    {
      text: `${ref} "${title}" (renamed by ${who})`,
      html: `${link(issue.url, ref)} "${escapeHtml(title)}" (renamed by ${escapeHtml(who)})`,
    },
    issue.url,
  );
}

export function tagDeletedLine(to: LineFor, hook: GitlabPushHook): ActivityLine {
  const project = hook.project.path_with_namespace;
  const tag = hook.ref.replace(/^refs\/tags\//, "");
  const who = escapeUserText(hook.user_name);
  return line(
    to,
    {
      text: `${who} deleted tag ${tag} in ${project}`,
      html: `${escapeHtml(who)} deleted tag <code>${escapeHtml(tag)}</code> in ${link(hook.project.web_url, project)}`,
    },
    undefined,
  );
}

export function issueRelabelledLine(
  to: LineFor,
  hook: GitlabIssueHook,
  change: { added: string[]; removed: string[] },
): ActivityLine {
  const issue = hook.object_attributes;
  const ref = `${hook.project.path_with_namespace}#${issue.iid}`;
  const who = escapeUserText(hook.user.username);
  const labels = [
    ...change.added.map((l) => `+${escapeUserText(l)}`),
    ...change.removed.map((l) => `\u2212${escapeUserText(l)}`),
  ].join(", ");
  return line(
    to,
    {
      text: `${who} relabelled ${ref}: ${labels}`,
      html: `${escapeHtml(who)} relabelled ${link(issue.url, ref)}: <code>${escapeHtml(labels)}</code>`,
    },
    issue.url,
  );
}
