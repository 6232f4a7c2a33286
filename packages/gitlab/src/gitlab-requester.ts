import { GitbeakerRequestError, GitbeakerTimeoutError, type Gitlab } from "@gitbeaker/rest";

/** What gitbeaker's resources hand a requester: the API base URL and the headers to send. */
interface ServiceOptions {
  url: string;
  headers: Record<string, string>;
  authHeaders: Record<string, () => Promise<string>>;
}

interface RequestOptions {
  body?: FormData | Record<string, unknown> | undefined;
  searchParams?: Record<string, unknown> | undefined;
  sudo?: string | number | undefined;
  asStream?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

interface FormattedResponse {
  body: unknown;
  headers: Record<string, string>;
  status: number;
}

type RequesterFn = NonNullable<ConstructorParameters<typeof Gitlab>[0]["requesterFn"]>;

/** Statuses a proxy in front of GitLab answers when GitLab blinked; worth a quick second try. */
const BLIP_STATUSES = new Set([502, 503, 504]);
/** Waits before the second and third try of a request that is safe to repeat. */
const BLIP_DELAYS_MS = [100, 400];

/**
 * The transport under gitbeaker's resources, in place of gitbeaker's own. Gitbeaker retries 429
 * and 502 ten times within a quarter second and then throws an error without the answer: a 429's
 * `Retry-After` is lost, and a POST is sent again after a 502 even when GitLab stored it before
 * the proxy failed (a note then appears twice). Here a 429 is thrown at once with its answer, so
 * `Retry-After` reaches `GitlabFailure.retryAfterMs`; a blip (502, 503, 504) is tried again only
 * for a GET, PUT or DELETE, which are safe to repeat; a POST is sent once, and the caller's own
 * check (a marker in the note) decides whether to send it again.
 */
export const gitlabRequesterFn = ((service: ServiceOptions) => {
  const method =
    (name: string) =>
    (endpoint: string, options: RequestOptions = {}) =>
      request(service, name, endpoint, options);
  return {
    get: method("GET"),
    post: method("POST"),
    put: method("PUT"),
    patch: method("PATCH"),
    delete: method("DELETE"),
  };
  // Gitbeaker's RequesterType is generic in the body type it promises; this one returns what GitLab sent.
}) as unknown as RequesterFn;

async function request(
  service: ServiceOptions,
  method: string,
  endpoint: string,
  options: RequestOptions,
): Promise<FormattedResponse> {
  const url = new URL(endpoint, service.url.endsWith("/") ? service.url : `${service.url}/`);
  url.search = formatQuery(options.searchParams ?? {});
  const headers: Record<string, string> = { ...service.headers };
  for (const [name, value] of Object.entries(service.authHeaders)) headers[name] = await value();
  if (options.sudo !== undefined) headers.sudo = String(options.sudo);
  let body: FormData | string | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body) {
    body = JSON.stringify(snakeKeys(options.body));
    headers["content-type"] = "application/json";
  }

  const repeatable = method !== "POST" && method !== "PATCH";
  for (let attempt = 0; ; attempt++) {
    const sent = new Request(url, { method, headers, body: body ?? null, signal: options.signal ?? null });
    const response = await fetch(sent).catch((error: unknown) => {
      const name = (error as Error | undefined)?.name;
      if (name === "TimeoutError" || name === "AbortError")
        throw new GitbeakerTimeoutError("Query timeout was reached");
      throw error;
    });
    if (response.ok) return parseResponse(response, options.asStream === true);
    const delay = BLIP_DELAYS_MS[attempt];
    if (repeatable && BLIP_STATUSES.has(response.status) && delay !== undefined) {
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, delay));
      continue;
    }
    throw await requestError(sent, response);
  }
}

async function parseResponse(response: Response, asStream: boolean): Promise<FormattedResponse> {
  const headers = Object.fromEntries(response.headers.entries());
  if (asStream) return { body: response.body, headers, status: response.status };
  if (response.status === 204) return { body: null, headers, status: response.status };
  const [mediaType = ""] = (response.headers.get("content-type") ?? "").split(";");
  const type = mediaType.trim();
  let body: unknown;
  if (type === "application/json") body = (await response.json()) || {};
  else if (type.startsWith("text/")) body = await response.text();
  else body = await response.blob();
  return { body, headers, status: response.status };
}

/** The error gitbeaker itself throws for a refused request, so `classifyGitlabError` reads both alike. */
async function requestError(sent: Request, response: Response): Promise<GitbeakerRequestError> {
  const text = await response.text();
  let description = text;
  if (response.headers.get("content-type")?.includes("application/json")) {
    try {
      const parsed = JSON.parse(text) as { error?: unknown; message?: unknown } | null;
      const detail = parsed?.error ?? parsed?.message ?? "";
      description = typeof detail === "string" ? detail : JSON.stringify(detail);
    } catch {
      // Not JSON after all: the text is the best description there is.
    }
  }
  return new GitbeakerRequestError(description, { cause: { description, request: sent, response } });
}

/** GitLab's parameters are snake_case; gitbeaker's options are camelCase. */
const snakeCase = (key: string) => key.replace(/([a-z\d])([A-Z])/g, "$1_$2").toLowerCase();

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), snakeKeys(inner)]));
}

/** GitLab's query form: `key=value`, arrays as `key[]=a&key[]=b`; absent values are left out. */
function formatQuery(params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const name = snakeCase(key);
    if (Array.isArray(value)) for (const item of value) query.append(`${name}[]`, String(item));
    else query.append(name, value instanceof Date ? value.toISOString() : String(value));
  }
  return query.toString();
}
