import { Community } from "@agora/schemas";

/** A community file with one SIG (a lead and a triager) and one bot admin. */
export function testCommunity(server = "example.org"): Community {
  return Community.parse({
    sigs: [
      {
        id: "cloud",
        name: "Cloud SIG",
        leads: [{ matrix: `@lead:${server}`, gitlab: "lead" }],
        triagers: [{ matrix: `@triager:${server}`, gitlab: "triager" }],
        gitlab: { labels: ["sig::cloud"] },
        room: `!cloud:${server}`,
      },
      {
        id: "hpc",
        name: "HPC SIG",
        leads: [{ matrix: `@hpc-lead:${server}`, gitlab: "hpclead" }],
        gitlab: { labels: ["sig::hpc"] },
        room: `!hpc:${server}`,
      },
    ],
    matrix: { triage_room: `!triage:${server}`, bot_admins: [`@admin:${server}`] },
  });
}
