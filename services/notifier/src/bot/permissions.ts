import type { Community } from "@agora/schemas";

export interface BotPermissions {
  /** May invite the bot into a room: a SIG lead or triager, or a bot admin. */
  canInvite(userId: string): boolean;
  /** A lead or triager of any SIG, or of the given one. */
  isSigStaff(userId: string, sigId?: string): boolean;
  isBotAdmin(userId: string): boolean;
}

/** Who may do what, read from the community file (the one place that names people). */
export function createPermissions(community: Community): BotPermissions {
  const admins = new Set(community.matrix?.bot_admins ?? []);
  const staffOf = (sig: Community["sigs"][number]) => [...sig.leads, ...sig.triagers].map((member) => member.matrix);
  const anyStaff = new Set(community.sigs.flatMap(staffOf));
  const isSigStaff = (userId: string, sigId?: string) => {
    if (sigId === undefined) return anyStaff.has(userId);
    const sig = community.sigs.find((candidate) => candidate.id === sigId);
    return sig !== undefined && staffOf(sig).includes(userId);
  };
  return {
    canInvite: (userId) => admins.has(userId) || anyStaff.has(userId),
    isSigStaff,
    isBotAdmin: (userId) => admins.has(userId),
  };
}
