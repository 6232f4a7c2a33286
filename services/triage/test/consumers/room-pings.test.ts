import { Sig } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { inQuietHours, pingDay, sigPeopleToPing } from "../../src/consumers/room-pings.ts";

const sig = (quiet_hours: unknown) =>
  Sig.parse({
    id: "core",
    name: "Core",
    leads: [{ matrix: "@ana:example.org", gitlab: "ana" }],
    gitlab: { labels: ["sig::core"] },
    room: "#core:example.org",
    pings: { on: ["routed"], quiet_hours },
  });
const pinged = (s: Sig, at: string) => sigPeopleToPing(s, "routed", new Date(at)).map((p) => p.matrix);

describe("quiet hours", () => {
  // Berlin leaves summer time on 2026-10-25 at 01:00 UTC (03:00 CEST becomes 02:00 CET).
  const berlin = sig({ from: "22:00", to: "07:00", tz: "Europe/Berlin" });

  it("follow the SIG's clocks across a daylight saving change", () => {
    // 04:30 UTC is 06:30 in Berlin before the change and 05:30 after: quiet on both days.
    expect(pinged(berlin, "2026-10-24T04:30:00Z")).toEqual([]);
    expect(pinged(berlin, "2026-10-25T04:30:00Z")).toEqual([]);
    // 05:30 UTC: 07:30 in summer (awake), 06:30 in winter (still quiet).
    expect(pinged(berlin, "2026-10-24T05:30:00Z")).toEqual(["@ana:example.org"]);
    expect(pinged(berlin, "2026-10-25T05:30:00Z")).toEqual([]);
    // 20:30 UTC: 22:30 in summer (quiet), 21:30 in winter (awake).
    expect(pinged(berlin, "2026-10-24T20:30:00Z")).toEqual([]);
    expect(pinged(berlin, "2026-10-25T20:30:00Z")).toEqual(["@ana:example.org"]);
    // Within the repeated hour itself (02:30 CEST, then 02:30 CET): quiet both times.
    expect(pinged(berlin, "2026-10-25T00:30:00Z")).toEqual([]);
    expect(pinged(berlin, "2026-10-25T01:30:00Z")).toEqual([]);
  });

  it("and into summer time, where the clocks skip an hour", () => {
    // 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST. 05:30 UTC is 06:30 CET, then 07:30 CEST.
    expect(pinged(berlin, "2026-03-28T05:30:00Z")).toEqual([]);
    expect(pinged(berlin, "2026-03-29T05:30:00Z")).toEqual(["@ana:example.org"]);
  });

  it("default to UTC, and read the older 22:00-07:00 form as UTC", () => {
    const utc = sig({ from: "22:00", to: "07:00" });
    const older = sig("22:00-07:00");
    expect(utc.pings?.quiet_hours).toEqual({ from: "22:00", to: "07:00", tz: "UTC" });
    expect(older.pings?.quiet_hours).toEqual(utc.pings?.quiet_hours);
    for (const s of [utc, older]) {
      expect(pinged(s, "2026-10-25T06:30:00Z")).toEqual([]);
      expect(pinged(s, "2026-10-25T07:00:00Z")).toEqual(["@ana:example.org"]);
    }
  });

  it("may lie within one day", () => {
    const lunch = { from: "12:00", to: "13:00", tz: "Asia/Kolkata" };
    expect(inQuietHours(lunch, new Date("2026-06-01T06:45:00Z"))).toBe(true); // 12:15 IST
    expect(inQuietHours(lunch, new Date("2026-06-01T07:45:00Z"))).toBe(false); // 13:15 IST
  });

  it("refuse a time zone the runtime does not know, and a malformed time", () => {
    const problems = (q: unknown) =>
      Sig.safeParse({ ...berlin, pings: { quiet_hours: q } }).error?.issues.map(
        (i) => `${i.path.join(".")}: ${i.message}`,
      );
    expect(problems({ from: "22:00", to: "07:00", tz: "Europe/Berlim" })).toEqual([
      "pings.quiet_hours.tz: must be an IANA time zone like Europe/Berlin, or UTC",
    ]);
    expect(problems("22:00-7:00")).toEqual(["pings.quiet_hours.to: must be a time like 22:00"]);
    expect(problems(22)).toEqual([
      'pings.quiet_hours: must be like { from: "22:00", to: "07:00", tz: Europe/Berlin }, or "22:00-07:00" in UTC',
    ]);
  });
});

describe("the day a ping counts against", () => {
  it("is the date on the clocks of the SIG's quiet-hours zone, UTC without one", () => {
    const tokyo = sig({ from: "22:00", to: "07:00", tz: "Asia/Tokyo" });
    expect(pingDay(tokyo, new Date("2026-12-04T16:00:00Z"))).toBe("2026-12-05"); // 01:00 the next day in Tokyo
    expect(pingDay(sig(undefined), new Date("2026-12-04T16:00:00Z"))).toBe("2026-12-04");
    expect(pingDay(undefined, new Date("2026-12-04T23:59:00Z"))).toBe("2026-12-04");
  });
});
