/**
 * The server-side filter of the bot's `/sync`: only what commands and invites need, so that
 * neither the homeserver's answers nor the bot's memory grow with the rooms' history. Invites
 * come through anyway (`rooms.invite` is not filtered), with the inviter in their stripped state.
 */
export function syncFilter(timelineLimit: number): Record<string, unknown> {
  const nothing = { types: [] };
  return {
    presence: nothing,
    account_data: nothing,
    room: {
      timeline: { types: ["m.room.message"], limit: timelineLimit, lazy_load_members: true },
      state: { ...nothing, lazy_load_members: true },
      ephemeral: nothing,
      account_data: nothing,
      include_leave: false,
    },
  };
}

/** Commands typed while the bot was away, up to this many per room, are still answered. */
export const TIMELINE_LIMIT = 50;
