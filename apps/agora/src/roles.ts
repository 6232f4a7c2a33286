import type { Roles } from "./system.ts";

export interface RoleCommand {
  /** The words after `agora` that run it: what a deployment puts in its command. */
  command: readonly string[];
  /** Names the process in logs, metrics and its API document. */
  service: string;
  roles: Roles;
  summary: string;
}

const none: Roles = { intake: false, statusPage: false, workers: false, bot: false, surveys: false };

/**
 * Every way of running Agora as a server: `start` runs every part in one process; the others are
 * the roles of a scaled-out deployment, which together run every part too (infra/ runs each).
 */
export const roleCommands = {
  all: {
    command: ["start"],
    service: "agora",
    roles: { intake: true, statusPage: true, workers: true, bot: true, surveys: true },
    summary: "every service and worker in one process (what `npm start` runs)",
  },
  hooks: {
    command: ["serve", "hooks"],
    service: "hooks",
    roles: { ...none, intake: true },
    summary: "the webhook intake alone (run several behind a load balancer)",
  },
  surveys: {
    command: ["serve", "surveys"],
    service: "surveys",
    roles: { ...none, surveys: true },
    summary: "the survey pages, results and admin API alone (as many as needed)",
  },
  worker: {
    command: ["work"],
    service: "worker",
    roles: { ...none, workers: true },
    summary: "the queue workers alone (deliveries, Matrix notifier, triage and its sweeps)",
  },
  bot: {
    command: ["bot"],
    service: "bot",
    roles: { ...none, bot: true },
    summary: "the Matrix chat bot alone (one process at most: two would answer twice)",
  },
} as const satisfies Record<string, RoleCommand>;
