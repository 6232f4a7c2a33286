import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An issue as the fake keeps it: GitLab's own JSON field names, so gitbeaker reads it as it would GitLab's. */
export interface FakeIssue {
  project_id: number;
  iid: number;
  title: string;
  description: string;
  labels: string[];
  assignees: { id: number; username: string }[];
  state: "opened" | "closed";
  confidential: boolean;
  notes: string[];
}

/** A project as the fake knows it, for resolving a `group/project` path to its id. */
export interface FakeProject {
  id: number;
  path_with_namespace: string;
}

export interface FakeUser {
  id: number;
  username: string;
}

/** One request as the fake received it, for tests to assert on. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/api/v4/projects/1/issues/23`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The `PRIVATE-TOKEN` header, or the token of `Authorization: Bearer`, or null. */
  token: string | null;
}

export interface FakeGitlab {
  /** Base URL to give the client, such as http://127.0.0.1:41234 (without /api/v4). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly issues: Map<string, FakeIssue>;
  readonly users: FakeUser[];
  readonly projects: FakeProject[];
  addIssue(issue: Partial<FakeIssue> & { project_id: number; iid: number }): FakeIssue;
  issue(projectId: number, iid: number): FakeIssue | undefined;
  /**
   * The next `times` requests answer `status` (with `Retry-After` when given), whatever they ask;
   * with `after`, that many requests go through first (to fail a verb halfway); with `applied`,
   * the request takes effect and only its answer is the failure (an answer lost on the way).
   */
  failNext(options: {
    times: number;
    status: number;
    retryAfterSeconds?: number;
    after?: number;
    applied?: boolean;
  }): void;
  /** The next `times` requests wait `ms` before being answered, as a GitLab under load does. */
  stallNext(options: { times: number; ms: number }): void;
  close(): Promise<void>;
}

/**
 * A small GitLab on 127.0.0.1 implementing the REST v4 endpoints that `createGitlabApi` calls,
 * with issues in memory, so that tests run @gitbeaker/rest over real HTTP and see the calls.
 *
 * @example
 * const fake = await startFakeGitlab({ token: "glpat-test", users: [{ id: 3, username: "alice" }] });
 * fake.addIssue({ project_id: 1, iid: 23 });
 * fake.failNext({ times: 1, status: 503 }); // the next request is answered 503, then all is well
 * const gitlab = createGitlabApi({ url: fake.url, token: "glpat-test" });
 * // … act through `gitlab`, then read `fake.issue(1, 23)` and `fake.requests`; at the end, `await fake.close()`.
 */
export async function startFakeGitlab({
  token,
  users = [],
  tokenUser = "agora-bot",
  projects = [],
}: {
  token: string;
  users?: FakeUser[];
  /** Projects `GET /projects/:id-or-path` answers for; issues need none. */
  projects?: FakeProject[];
  /** The username of the token's account: the author of the notes it posts. */
  tokenUser?: string;
}): Promise<FakeGitlab> {
  const issues = new Map<string, FakeIssue>();
  const requests: RecordedRequest[] = [];
  // Keyed by the index of the request that should fail.
  const failures = new Map<
    number,
    { status: number; retryAfterSeconds?: number | undefined; applied?: boolean | undefined }
  >();
  const stalls = new Map<number, number>();
  const key = (projectId: number | string, iid: number | string) => `${projectId}/${iid}`;

  const addIssue: FakeGitlab["addIssue"] = (issue) => {
    const stored: FakeIssue = {
      title: "An issue",
      description: "",
      labels: [],
      assignees: [],
      state: "opened",
      confidential: false,
      notes: [],
      ...issue,
    };
    issues.set(key(stored.project_id, stored.iid), stored);
    return stored;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const text = await readBody(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const received: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseJson(text),
      token: headerValue(req.headers["private-token"]) ?? bearer ?? null,
    };
    requests.push(received);

    const stall = stalls.get(requests.length - 1);
    if (stall !== undefined) await new Promise((resolve) => setTimeout(resolve, stall));
    const failure = failures.get(requests.length - 1);
    if (failure) {
      failures.delete(requests.length - 1);
      if (failure.applied && received.token === token) route(received, discardedResponse());
      const headers: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
      return send(res, failure.status, { message: `${failure.status} injected by the fake` }, headers);
    }
    if (received.token !== token) return send(res, 401, { message: "401 Unauthorized" });
    return route(received, res);
  };

  // Real GitLab takes a project's url-encoded path wherever it takes its id.
  const projectIdOf = (idOrPath: string) =>
    String(projects.find((p) => p.path_with_namespace === idOrPath)?.id ?? idOrPath);

  const route = (req: RecordedRequest, res: ServerResponse) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method === "GET" && req.path === "/api/v4/users") {
      return send(
        res,
        200,
        users.filter((u) => u.username === req.query.username),
      );
    }
    const projectRef = /^\/api\/v4\/projects\/([^/]+)$/.exec(req.path)?.[1];
    if (projectRef !== undefined && req.method === "GET") {
      const idOrPath = decodeURIComponent(projectRef);
      const found = projects.find((p) => String(p.id) === idOrPath || p.path_with_namespace === idOrPath);
      return found
        ? send(res, 200, { ...found, name: found.path_with_namespace.split("/").at(-1) })
        : send(res, 404, { message: "404 Project Not Found" });
    }
    const listRef = /^\/api\/v4\/projects\/([^/]+)\/issues$/.exec(req.path)?.[1];
    if (listRef !== undefined && req.method === "GET")
      return listIssues(projectIdOf(decodeURIComponent(listRef)), req.query, res);

    const one = /^\/api\/v4\/projects\/(?<project>[^/]+)\/issues\/(?<iid>\d+)(\/notes)?$/.exec(req.path);
    if (!one?.groups?.project || !one.groups.iid) return send(res, 404, { error: "404 Not Found" });
    const issue = issues.get(key(projectIdOf(decodeURIComponent(one.groups.project)), one.groups.iid));
    if (!issue) return send(res, 404, { message: "404 Issue Not Found" });
    if (one[3] && req.method === "GET") {
      return send(
        res,
        200,
        issue.notes.map((body, i) => ({ id: i + 1, body, author: { username: tokenUser } })),
      );
    }
    if (one[3] && req.method === "POST") {
      if (typeof body.body !== "string" || body.body === "")
        return send(res, 400, { message: { body: ["can't be blank"] } });
      issue.notes.push(body.body);
      return send(res, 201, { id: issue.notes.length, body: body.body, noteable_iid: issue.iid });
    }
    if (!one[3] && req.method === "GET") return send(res, 200, issueJson(issue));
    if (!one[3] && req.method === "PUT") {
      if (typeof body.add_labels === "string") {
        for (const label of body.add_labels
          .split(",")
          .map((l) => l.trim())
          .filter(Boolean)) {
          if (!issue.labels.includes(label)) issue.labels.push(label);
        }
      }
      if (typeof body.remove_labels === "string") {
        const removed = new Set(body.remove_labels.split(",").map((l) => l.trim()));
        issue.labels = issue.labels.filter((label) => !removed.has(label));
      }
      // As GitLab does: a closed issue leaves the open issues' list.
      if (body.state_event === "close") issue.state = "closed";
      if (body.state_event === "reopen") issue.state = "opened";
      if (Array.isArray(body.assignee_ids)) {
        const ids = body.assignee_ids.map(Number);
        if (ids.some((id) => !users.some((u) => u.id === id))) return send(res, 400, { message: "assignee not found" });
        issue.assignees = users.filter((u) => ids.includes(u.id)).map(({ id, username }) => ({ id, username }));
      }
      return send(res, 200, issueJson(issue));
    }
    return send(res, 405, { message: "405 Method Not Allowed" });
  };

  const listIssues = (projectId: string, query: Record<string, string>, res: ServerResponse) => {
    const all = [...issues.values()].filter(
      (i) => String(i.project_id) === projectId && (!query.state || i.state === query.state),
    );
    const perPage = Number(query.per_page) || 20;
    const page = Number(query.page) || 1;
    const totalPages = Math.max(1, Math.ceil(all.length / perPage));
    const next = page < totalPages ? page + 1 : null;
    const headers: Record<string, string> = {
      "x-page": String(page),
      "x-per-page": String(perPage),
      "x-total": String(all.length),
      "x-total-pages": String(totalPages),
      "x-next-page": next ? String(next) : "",
      "x-prev-page": page > 1 ? String(page - 1) : "",
    };
    return send(res, 200, all.slice((page - 1) * perPage, page * perPage).map(issueJson), headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    issues,
    users,
    projects,
    addIssue,
    issue: (projectId, iid) => issues.get(key(projectId, iid)),
    failNext({ times, status, retryAfterSeconds, after = 0, applied }) {
      for (let i = 0; i < times; i++) failures.set(requests.length + after + i, { status, retryAfterSeconds, applied });
    },
    stallNext({ times, ms }) {
      for (let i = 0; i < times; i++) stalls.set(requests.length + i, ms);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function issueJson({ notes: _notes, ...issue }: FakeIssue) {
  return { ...issue, id: issue.project_id * 100_000 + issue.iid };
}

/** Where the answer of an `applied` failure goes: nowhere, since the client gets the failure instead. */
function discardedResponse(): ServerResponse {
  const sink = { writeHead: () => sink, end: () => sink };
  return sink as unknown as ServerResponse;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
