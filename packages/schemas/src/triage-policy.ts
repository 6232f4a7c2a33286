import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

const Days = z.number().int("must be a whole number of days").positive("must be at least 1 day");

/**
 * One scheduled sweep rule, after gitlab-triage's policies: in the community file under
 * `triage:`, or in a file of its own (`agora triage sweep --policies FILE`).
 */
export const TriagePolicy = z
  .strictObject({
    name: z.string().trim().min(1, "must not be empty"),
    conditions: z.strictObject({
      /** Open, created at least N days ago, with no SIG label and no needs-info label. */
      untriaged_for_days: Days.optional(),
      /** Labelled needs-info and nothing happened on the issue (GitLab's updated_at) for N days. */
      needs_info_for_days: Days.optional(),
    }),
    actions: z.array(z.enum(["digest_to_triage_room", "remind", "close"])).min(1, "needs at least one action"),
    /** With `close`: how long after the reminder, with no activity, the issue is closed. */
    close_after_days: Days.optional(),
  })
  .superRefine((policy, ctx) => {
    const { untriaged_for_days, needs_info_for_days } = policy.conditions;
    const set = [untriaged_for_days, needs_info_for_days].filter((v) => v !== undefined).length;
    if (set !== 1)
      ctx.addIssue({
        code: "custom",
        path: ["conditions"],
        message: "must set exactly one of untriaged_for_days, needs_info_for_days",
      });
    if (policy.actions.includes("close") && policy.close_after_days === undefined) {
      ctx.addIssue({ code: "custom", path: ["close_after_days"], message: "is required when actions include close" });
    }
    // Closing without a reminder first would close a report whose author was never told why.
    if (policy.actions.includes("close") && !policy.actions.includes("remind")) {
      ctx.addIssue({ code: "custom", path: ["actions"], message: "close needs remind before it" });
    }
    if (
      policy.conditions.untriaged_for_days !== undefined &&
      policy.actions.some((a) => a !== "digest_to_triage_room")
    ) {
      ctx.addIssue({ code: "custom", path: ["actions"], message: "an untriaged issue can only be put in the digest" });
    }
  });
export type TriagePolicy = z.infer<typeof TriagePolicy>;

/** A GitLab project by its numeric id or its path, as GitLab's API takes either. */
export const SweptProject = z.union([
  z.number().int().positive("must be a project id (a positive number)"),
  z.string().regex(/^[\w.-]+(\/[\w.-]+)+$/, "must be a project id or a path like group/project"),
]);

// Five fields (minute hour day month weekday), or six with seconds first, read by cron-parser as
// pg-boss reads the schedule it stores (UTC, not strict): a value it would refuse at start, far
// from the file and without naming it, is refused here with the field's path and its reason.
const CRON_EXAMPLE = 'must be a cron expression like "0 6 * * *" (06:00 UTC daily)';
const Cron = z
  .string()
  .trim()
  .superRefine((expression, ctx) => {
    // cron-parser reads an empty or short expression as every minute; the count comes first.
    if (!/^\S+(\s+\S+){4,5}$/.test(expression)) {
      ctx.addIssue({ code: "custom", message: CRON_EXAMPLE });
      return;
    }
    try {
      CronExpressionParser.parse(expression, { tz: "UTC", strict: false });
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `${CRON_EXAMPLE}: ${(error as Error).message}` });
    }
  });

export const TriagePolicies = z.strictObject({
  /**
   * The projects the scheduled sweep goes through, by id or path; empty means the projects the
   * SIGs name (`sigs[].gitlab.projects`). `agora triage sweep --project` overrides it.
   */
  projects: z.array(SweptProject).default([]),
  /** When the workers run the sweep, as cron in UTC; daily at 06:00 by default. */
  schedule: Cron.default("0 6 * * *"),
  /** Labels starting with this mark an issue as routed to a SIG. */
  sig_label_prefix: z.string().min(1).default("sig::"),
  needs_info_label: z.string().min(1).default("needs-info"),
  policies: z.array(TriagePolicy).min(1, "needs at least one policy"),
});
export type TriagePolicies = z.infer<typeof TriagePolicies>;
export type SweptProject = z.infer<typeof SweptProject>;
