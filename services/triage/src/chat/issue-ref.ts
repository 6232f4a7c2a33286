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
  const short = SHORT.exec(text);
  if (short) return { path: short[1]!, iid: Number(short[2]) };
  if (/^https?:\/\//.test(text)) {
    const url = URL.parse(text);
    const match = url ? URL_PATH.exec(url.pathname) : null;
    if (match) return { path: decodeURIComponent(match[1]!), iid: Number(match[2]) };
    return { error: `"${text}" is not an issue link (one like https://gitlab.example.org/group/project/-/issues/12)` };
  }
  const bare = BARE.exec(text);
  if (bare) {
    const projects = [...new Set(community.sigs.flatMap((sig) => sig.gitlab.projects))];
    if (projects.length === 1) return { path: projects[0]!, iid: Number(bare[1]) };
    if (projects.length === 0)
      return { error: `"${text}" needs its project (the community file names none): name it as group/project${text}` };
    return { error: `"${text}" could be in several projects: name it as group/project${text}` };
  }
  return { error: `"${text}" is not an issue: use group/project#12 or the issue's link` };
}
