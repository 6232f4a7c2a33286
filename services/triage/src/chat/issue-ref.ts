import type { Community } from "@agora/schemas";

/** An issue as a person names it in chat: its project's path and its number in that project. */
export interface IssueRef {
  path: string;
  iid: number;
}

const SHORT = /^([\w.-]+(?:\/[\w.-]+)+)#(\d+)$/;
const URL_PATH = /^\/(.+?)\/-\/(?:issues|work_items)\/(\d+)\/?$/;
const BARE = /^#(\d+)$/;

/**
 * Reads `group/project#12`, a full issue URL, or `#12`. A bare number only means something when
 * the community file's SIGs name exactly one project between them; otherwise it would be a guess.
 */
export function parseIssueRef(text: string, community: Community): IssueRef | { error: string } {
  const [, shortPath, shortIid] = SHORT.exec(text) ?? [];
  if (shortPath !== undefined) return { path: shortPath, iid: Number(shortIid) };
  if (/^https?:\/\//.test(text)) {
    const url = URL.parse(text);
    const [, urlPath, urlIid] = (url && URL_PATH.exec(url.pathname)) ?? [];
    if (urlPath !== undefined) return { path: decodeURIComponent(urlPath), iid: Number(urlIid) };
    return { error: `"${text}" is not an issue link (one like https://gitlab.example.org/group/project/-/issues/12)` };
  }
  const bare = BARE.exec(text);
  if (bare) {
    const projects = [...new Set(community.sigs.flatMap((sig) => sig.gitlab.projects))];
    const [project, ...others] = projects;
    if (project !== undefined && others.length === 0) return { path: project, iid: Number(bare[1]) };
    if (project === undefined)
      return { error: `"${text}" needs its project (the community file names none): name it as group/project${text}` };
    return { error: `"${text}" could be in several projects: name it as group/project${text}` };
  }
  return { error: `"${text}" is not an issue: use group/project#12 or the issue's link` };
}
