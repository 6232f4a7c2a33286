import { z } from "zod";
import { MatrixRoom, MatrixUserId } from "./matrix-ids.ts";
import { TriagePolicies } from "./triage-policy.ts";

// The community file is written by hand, so every object is strict: a misspelt key is reported
// instead of being silently ignored.

export const GitlabUsername = z
  .string()
  .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/, "must be a GitLab username like jdoe (without @)");
export type GitlabUsername = z.infer<typeof GitlabUsername>;

export const SigId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug like cloud or hpc-ai");
export type SigId = z.infer<typeof SigId>;

const Text = z.string().trim().min(1, "must not be empty");

/** A lead or triager: reachable in chat and assignable in GitLab. */
export const SigMember = z.strictObject({
  name: Text.optional(),
  matrix: MatrixUserId,
  gitlab: GitlabUsername,
});
export type SigMember = z.infer<typeof SigMember>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 22:00");

/** Whether this runtime's time zone data knows `name` (an IANA zone like Europe/Berlin, or UTC). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * When nobody is pinged: from `from` to `to` (wrapping past midnight) on the clocks of `tz`, so
 * that a SIG's nights stay nights across daylight saving time. The older `"22:00-07:00"` form
 * still reads, as UTC.
 */
export const QuietHours = z.preprocess(
  (value) =>
    typeof value === "string" && /^[^-]+-[^-]+$/.test(value)
      ? { from: value.split("-")[0], to: value.split("-")[1] }
      : value,
  z.strictObject(
    {
      from: ClockTime,
      to: ClockTime,
      tz: z.string().refine(isTimeZone, "must be an IANA time zone like Europe/Berlin, or UTC").default("UTC"),
    },
    { error: 'must be like { from: "22:00", to: "07:00", tz: Europe/Berlin }, or "22:00-07:00" in UTC' },
  ),
);
export type QuietHours = z.infer<typeof QuietHours>;

export const Sig = z.strictObject({
  id: SigId,
  name: Text,
  description: Text.optional(),
  leads: z.array(SigMember).min(1, "needs at least one lead"),
  triagers: z.array(SigMember).default([]),
  gitlab: z.strictObject({
    /** Scoped labels such as `sig::cloud`; an issue with one of them belongs to this SIG. */
    labels: z.array(Text).min(1, "needs at least one label, such as sig::cloud"),
    /** Projects (`group/project`) whose issues this SIG triages; empty means any. */
    projects: z.array(Text).default([]),
  }),
  packages: z.array(Text).default([]),
  components: z.array(Text).default([]),
  keywords: z.array(Text).default([]),
  /**
   * What a bug report for this SIG must say; triage asks for what is missing (`needs-info`).
   * `version`: the release (e.g. 9.4); `architecture`: x86_64, aarch64, ppc64le, s390x…;
   * `steps`: how to reproduce it.
   */
  requires: z
    .array(z.enum(["version", "architecture", "steps"], { error: "must be version, architecture or steps" }))
    .default([]),
  room: MatrixRoom,
  /**
   * Who the bot pings, and for what: everything else is a notice that notifies nobody. A person
   * is pinged at most once a day per issue (a day on the clocks of the quiet hours' zone); in
   * quiet hours (`QuietHours`) nobody is.
   */
  pings: z
    .strictObject({
      who: z.enum(["leads", "triagers", "both"], { error: "must be leads, triagers or both" }).default("leads"),
      /**
       * `asked`: a bug the bot could not place, with this SIG as its best guess; `routed`: a bug
       * routed here; `pipeline-failed`: a pipeline failing on the default branch of a project the
       * SIG lists; `needs-info`: a bug of this SIG waiting on `needs-info` longer than the sweep's policy.
       */
      on: z
        .array(
          z.enum(["asked", "routed", "pipeline-failed", "needs-info"], {
            error: "must be asked, routed, pipeline-failed or needs-info",
          }),
        )
        .default(["asked"]),
      quiet_hours: QuietHours.optional(),
    })
    .optional(),
});
export type Sig = z.infer<typeof Sig>;
export type SigRequirement = Sig["requires"][number];

/** What a subscription can tell a room of; GitLab's own chat integrations name the same kinds. */
export const GitlabEventKind = z.enum(
  ["issues", "merge_requests", "comments", "pipelines", "releases", "tags", "pushes"],
  {
    error: "must be one of issues, merge_requests, comments, pipelines, releases, tags, pushes",
  },
);
export type GitlabEventKind = z.infer<typeof GitlabEventKind>;
/** Kinds whose events carry no labels: a label filter cannot let them through. */
export const UNLABELLED_EVENT_KINDS: readonly GitlabEventKind[] = ["pipelines", "releases", "tags", "pushes"];

const ProjectPath = z.string().regex(/^[^\s/]+(?:\/[^\s/]+)+$/, "must be a project path like group/project");
const GroupPath = z.string().regex(/^[^\s/]+(?:\/[^\s/]+)*$/, "must be a group path like almalinux or almalinux/sigs");

/**
 * GitLab events told in a room: a SIG's room (`sig`, pinging as its `pings` say) or any room
 * (`room`, notices only). Every condition given must hold: the project is listed or inside a
 * listed group (none given: any project), the event is of a listed kind (none given: all), and
 * the item carries one of `labels.include` (when given) and none of `labels.exclude`.
 */
export const GitlabSubscription = z.strictObject({
  sig: SigId.optional(),
  room: MatrixRoom.optional(),
  projects: z.array(ProjectPath).default([]),
  /** A group takes in its subgroups' projects too. */
  groups: z.array(GroupPath).default([]),
  events: z.array(GitlabEventKind).min(1, "needs at least one kind; leave it out for all").optional(),
  labels: z
    .strictObject({ include: z.array(Text).default([]), exclude: z.array(Text).default([]) })
    .default({ include: [], exclude: [] }),
});
export type GitlabSubscription = z.infer<typeof GitlabSubscription>;

/** watch: every new topic and reply; follow: new topics only; thread: replies in a thread per topic; mute: nothing. */
export const ForumFilter = z.enum(["watch", "follow", "thread", "mute"], {
  error: "must be one of watch, follow, thread, mute",
});
export type ForumFilter = z.infer<typeof ForumFilter>;

const categoryError = { error: "must be a category id (a number) or slug (like installation-help)" };

export const ForumRule = z.strictObject({
  category: z.union([z.int().positive(categoryError), z.string().regex(/^[^\s/]+$/, categoryError)], categoryError),
  tags: z.array(Text).optional(),
  /** Not needed by a `mute` rule, which sends nothing. */
  room: MatrixRoom.optional(),
  filter: ForumFilter,
});
export type ForumRule = z.infer<typeof ForumRule>;

export const SurveyAdmin = z.strictObject({
  name: Text,
  matrix: MatrixUserId.optional(),
  /** Hex sha256 of the admin's bearer token, so the file never holds the token itself. */
  token_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be the sha256 of the token as 64 lowercase hex characters")
    .optional(),
});
export type SurveyAdmin = z.infer<typeof SurveyAdmin>;

const HttpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL like https://gitlab.example.org" });

export const Community = z
  .strictObject({
    sigs: z.array(Sig).min(1, "needs at least one SIG"),
    forums: z.strictObject({ rules: z.array(ForumRule).default([]) }).default({ rules: [] }),
    surveys: z.strictObject({ admins: z.array(SurveyAdmin).default([]) }).default({ admins: [] }),
    matrix: z
      .strictObject({
        /** Where unclassified bugs go, and where the bot reports what it could not route. */
        triage_room: MatrixRoom,
        bot_admins: z.array(MatrixUserId).default([]),
      })
      .optional(),
    gitlab: z.strictObject({ url: HttpUrl.optional(), bot_username: GitlabUsername.optional() }).optional(),
    discourse: z.strictObject({ url: HttpUrl.optional() }).optional(),
    /**
     * Which GitLab events reach which rooms. A SIG no subscription names keeps the default: every
     * kind, for the projects it lists in `gitlab.projects` and the items carrying its label.
     */
    subscriptions: z.array(GitlabSubscription).default([]),
    /** Sweep policies for `agora triage sweep`: untriaged and needs-info rules. */
    triage: TriagePolicies.optional(),
  })
  // Runs even when other fields failed, so that one pass shows the operator every problem.
  .superRefine(checkCrossFields, { when: () => true });
export type Community = z.infer<typeof Community>;

type Path = (string | number)[];
type Claim = { value: unknown; sig: number; path: Path };

function checkCrossFields(value: unknown, ctx: z.core.$RefinementCtx): void {
  const file = asRecord(value);
  const sigs = asArray(file?.sigs).map(asRecord);
  const ids = sigs.map((sig, i): Claim => ({ value: sig?.id, sig: i, path: ["sigs", i, "id"] }));
  reportTwiceClaimed(ctx, ids, (id, first) => `SIG id "${id}" is already used by sigs[${first}]`);
  const labels = sigs.flatMap((sig, i) =>
    asArray(asRecord(sig?.gitlab)?.labels).map((label, j): Claim => ({
      value: label,
      sig: i,
      path: ["sigs", i, "gitlab", "labels", j],
    })),
  );
  reportTwiceClaimed(ctx, labels, (label, first) => `label "${label}" already belongs to sigs[${first}]`);

  asArray(asRecord(file?.forums)?.rules).forEach((rule, i) => {
    const r = asRecord(rule);
    if (r && r.filter !== "mute" && r.room === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["forums", "rules", i, "room"],
        message: "is required unless filter is mute",
      });
    }
  });
  checkSubscriptions(ctx, asArray(file?.subscriptions), new Set(sigs.map((sig) => sig?.id)));
  asArray(asRecord(file?.surveys)?.admins).forEach((admin, i) => {
    const a = asRecord(admin);
    if (a && a.matrix === undefined && a.token_sha256 === undefined) {
      const message = "needs matrix or token_sha256, or this admin cannot sign in";
      ctx.addIssue({ code: "custom", path: ["surveys", "admins", i], message });
    }
  });
}

function checkSubscriptions(ctx: z.core.$RefinementCtx, subscriptions: unknown[], sigIds: Set<unknown>): void {
  subscriptions.forEach((value, i) => {
    const sub = asRecord(value);
    if (!sub) return;
    if ((sub.sig === undefined) === (sub.room === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["subscriptions", i],
        message: "needs either sig (a SIG's room) or room, not both",
      });
    } else if (typeof sub.sig === "string" && !sigIds.has(sub.sig)) {
      ctx.addIssue({ code: "custom", path: ["subscriptions", i, "sig"], message: `no SIG has the id "${sub.sig}"` });
    }
    const labels = asRecord(sub.labels);
    const include = asArray(labels?.include);
    const exclude = new Set(asArray(labels?.exclude));
    include.forEach((label, j) => {
      if (exclude.has(label))
        ctx.addIssue({
          code: "custom",
          path: ["subscriptions", i, "labels", "include", j],
          message: `label "${String(label)}" is also excluded`,
        });
    });
    const unlabelled = asArray(sub.events).filter((kind) => UNLABELLED_EVENT_KINDS.includes(kind as GitlabEventKind));
    if (include.length && unlabelled.length) {
      const message = `lets no ${unlabelled.join(", ")} through: they carry no labels (give them a subscription of their own)`;
      ctx.addIssue({ code: "custom", path: ["subscriptions", i, "labels", "include"], message });
    }
  });
}

/** A value two SIGs both claim makes routing ambiguous: point at every later claim. */
function reportTwiceClaimed(
  ctx: z.core.$RefinementCtx,
  claims: Claim[],
  message: (value: string, firstSig: number) => string,
): void {
  const firstSig = new Map<string, number>();
  for (const claim of claims) {
    if (typeof claim.value !== "string") continue;
    const first = firstSig.get(claim.value);
    if (first === undefined) firstSig.set(claim.value, claim.sig);
    else if (first !== claim.sig)
      ctx.addIssue({ code: "custom", path: claim.path, message: message(claim.value, first) });
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
