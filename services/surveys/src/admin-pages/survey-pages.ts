import type { Html } from "@agora/http";
import { html } from "hono/html";
import type { surveyDetail, surveyListItem } from "../admin/survey-view.ts";
import { adminFrame, csrfField } from "./admin-frame.ts";
import { ADMIN_PATH, type AdminSession } from "./admin-session.ts";

type ListItem = ReturnType<typeof surveyListItem>;
type Detail = Awaited<ReturnType<typeof surveyDetail>>;

/** What an action did, named in the query of the page it redirects to (a closed set, not free text). */
export const DONE_NOTICES = {
  opened: "The survey is open.",
  closed: "The survey is closed.",
  deleted: "The draft was deleted.",
  created: "The survey was created as a draft: preview it, then open it.",
  saved: "The definition was saved.",
  unchanged: "Nothing to change: the survey was in that state already.",
} as const;
export type DoneNotice = keyof typeof DONE_NOTICES;

const AVAILABILITY: Record<ListItem["availability"], string> = {
  open: "taking answers",
  "not-yet": "not yet (its window opens later)",
  closed: "not taking answers",
  draft: "not public (draft)",
};

export const surveyPath = (slug: string) => `${ADMIN_PATH}/surveys/${encodeURIComponent(slug)}`;

function notice(done: DoneNotice | undefined, slug: string | undefined): Html | string {
  if (!done) return "";
  return html`<p class="notice" role="status">${slug ? html`<strong>${slug}</strong>: ` : ""}${DONE_NOTICES[done]}</p>`;
}

/**
 * The buttons a survey's state allows, each a form posting to the same verb as the JSON API:
 * open a draft or a closed survey, close an open one, delete a draft.
 */
export function stateActions(
  s: Pick<ListItem, "slug" | "state" | "title">,
  session: AdminSession,
  from: "list" | "detail",
): Html {
  const button = (
    action: string,
    label: string,
    kind = "",
  ) => html`<form method="post" action="${surveyPath(s.slug)}/${action}">
${csrfField(session)}<input type="hidden" name="from" value="${from}">
<button type="submit"${kind ? html` class="${kind}"` : ""} aria-label="${label} “${s.title}”">${label}</button>
</form>`;
  return html`<div class="actions">
${s.state === "open" ? button("close", "Close") : button("open", s.state === "closed" ? "Reopen" : "Open")}
${s.state === "draft" ? button("delete", "Delete draft", "danger") : ""}
</div>`;
}

/** `GET /admin`: every survey with its state and answer count, and what can be done with it. */
export function surveyListPage(input: {
  surveys: ListItem[];
  session: AdminSession;
  done?: DoneNotice;
  doneSlug?: string;
}): Html {
  const { surveys, session } = input;
  const rows = surveys.map(
    (s) => html`<tr>
<td data-label="Survey"><div><a href="${surveyPath(s.slug)}">${s.title}</a><br><code class="muted">${s.slug}</code></div></td>
<td data-label="State"><span class="state">${s.state}</span></td>
<td data-label="Answers now"><div>${AVAILABILITY[s.availability]}</div></td>
<td data-label="Answers" class="num">${s.answerCount}</td>
<td data-label="Access">${s.accessMode ?? "unreadable definition"}</td>
<td data-label="Actions">${stateActions(s, session, "list")}</td>
</tr>`,
  );
  const body = html`<h1>Surveys</h1>
${notice(input.done, input.doneSlug)}
<ul class="links">
<li><a href="${ADMIN_PATH}/new-survey">New survey</a></li>
<li><a href="${ADMIN_PATH}/new-survey/builder">New survey in the form builder</a></li>
</ul>
${
  surveys.length === 0
    ? html`<p>No surveys yet. Place a survey file in <code>AGORA_SURVEYS_DIR</code> or create one through the API (<code>POST /api/surveys</code>).</p>`
    : html`<table class="cards">
<caption class="muted">${surveys.length} ${surveys.length === 1 ? "survey" : "surveys"}, oldest first</caption>
<thead><tr><th scope="col">Survey</th><th scope="col">State</th><th scope="col">Answers now</th><th scope="col" class="num">Answers</th><th scope="col">Access</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}`;
  return adminFrame({ title: "Surveys", body, session });
}

/** `GET /admin/surveys/:slug`: one survey's facts, its actions, previews, results and downloads. */
export function surveyDetailPage(input: {
  survey: Detail;
  session: AdminSession;
  done?: DoneNotice;
  problem?: string;
  publicUrl: string;
}): Html {
  const { survey: s, session } = input;
  const definition = s.definition as { opens_at?: string; closes_at?: string; results?: { public?: boolean } };
  const takesInvites = s.accessMode === "invite" || s.accessMode === "blind";
  const body = html`<p><a href="${ADMIN_PATH}">← All surveys</a></p>
<h1>${s.title}</h1>
${notice(input.done, undefined)}
${input.problem ? html`<p class="bad" role="alert">${input.problem}</p>` : ""}
<dl class="facts">
<dt>Slug</dt><dd><code>${s.slug}</code></dd>
<dt>State</dt><dd><span class="state">${s.state}</span></dd>
<dt>Answers now</dt><dd>${AVAILABILITY[s.availability]}</dd>
<dt>Answers</dt><dd>${s.answerCount}</dd>
<dt>Access</dt><dd>${s.accessMode ?? "unreadable definition"}</dd>
${takesInvites ? html`<dt>Unspent invites</dt><dd>${s.inviteCount}</dd>` : ""}
${definition.opens_at ? html`<dt>Opens</dt><dd>${definition.opens_at}</dd>` : ""}
${definition.closes_at ? html`<dt>Closes</dt><dd>${definition.closes_at}</dd>` : ""}
<dt>Results</dt><dd>${definition.results?.public ? "public" : "admins only"}</dd>
<dt>Source</dt><dd><code>${s.source}</code></dd>
<dt>Changed</dt><dd>${s.updatedAt.slice(0, 16).replace("T", " ")} UTC</dd>
</dl>
${stateActions(s, session, "detail")}
<h2>Look and download</h2>
<ul class="links">
<li><a href="${surveyPath(s.slug)}/preview">Preview as members see it</a></li>
<li><a href="${surveyPath(s.slug)}/edit">Edit the definition</a></li>
<li><a href="${surveyPath(s.slug)}/builder">Edit in the form builder</a></li>
<li><a href="${surveyPath(s.slug)}/results">Results with free texts</a></li>
<li><a href="${surveyPath(s.slug)}/export?format=csv" download>Answers as CSV</a></li>
<li><a href="${surveyPath(s.slug)}/export?format=codebook" download>Codebook of the CSV</a></li>
<li><a href="${surveyPath(s.slug)}/export?format=json" download>Answers as JSON</a></li>
${s.availability === "open" ? html`<li><a href="/s/${s.slug}">The members' page</a></li>` : ""}
</ul>
${exportForm(s.slug)}
${takesInvites ? invitesForm(s.slug, session) : ""}`;
  return adminFrame({ title: s.title, body, session });
}

/**
 * The downloads with their one option: a GET form, so it needs no session token (it changes
 * nothing) and leads to the same address a link or `curl` would use.
 */
function exportForm(slug: string): Html {
  return html`<form method="get" action="${surveyPath(slug)}/export" class="export-form">
<fieldset>
<legend>Download the answers</legend>
<p class="help">The CSV has a column per option, with the question texts as its header, for R, pandas and spreadsheets; the codebook says what each column holds and what its values mean.</p>
<div class="field">
<label for="export-format">Format</label>
<select id="export-format" name="format">
<option value="csv" selected>CSV, a row per answer</option>
<option value="codebook">Codebook of the CSV (JSON)</option>
<option value="json">JSON, as stored</option>
</select>
</div>
<div class="field">
<div class="choice"><input type="checkbox" id="export-bom" name="bom" value="1" aria-describedby="export-bom-help"><label for="export-bom">CSV for Excel on Windows (UTF-8 with a byte order mark)</label></div>
<p class="help" id="export-bom-help">Excel needs the mark to show accents right; R's <code>read.csv</code> then needs <code>fileEncoding = "UTF-8-BOM"</code>. Leave it off for R, pandas and LibreOffice.</p>
</div>
<button type="submit">Download</button>
</fieldset>
</form>`;
}

function invitesForm(slug: string, session: AdminSession): Html {
  return html`<h2 id="invites">Invitations</h2>
<p>Each link answers once. The links are in this download only: just their hashes are kept, so a lost file cannot be printed again (make more instead).</p>
<form method="post" action="${surveyPath(slug)}/invites">
${csrfField(session)}
<div class="field">
<label for="invite-count">How many links (1 to 10,000)</label>
<input type="number" id="invite-count" name="count" min="1" max="10000" step="1" value="10" required>
</div>
<button type="submit">Download links as CSV</button>
</form>`;
}

/** The confirmation a delete asks for without JavaScript: the draft's name and two ways on. */
export function confirmDeletePage(input: {
  slug: string;
  title: string;
  session: AdminSession;
  from: "list" | "detail";
}): Html {
  const back = input.from === "list" ? ADMIN_PATH : surveyPath(input.slug);
  const body = html`<h1>Delete the draft “${input.title}”?</h1>
<p>The draft and its definition are deleted for good. A survey that has been open is closed instead.</p>
<div class="actions">
<form method="post" action="${surveyPath(input.slug)}/delete">${csrfField(input.session)}<input type="hidden" name="confirm" value="yes"><button type="submit" class="danger">Delete the draft</button></form>
<a href="${back}">Cancel</a>
</div>`;
  return adminFrame({ title: `Delete ${input.title}?`, body, session: input.session });
}
