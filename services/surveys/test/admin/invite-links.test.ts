import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { adminHarness, PUBLIC_URL, testSurvey } from "./admin-harness.ts";

describe.each(dialects)("invite links from the admin API, followed on the member's page on %s", (dialect) => {
  const h = adminHarness(dialect, { routes: "all" });
  const post = (slug: string, fields: Record<string, string>) =>
    h.app.request(`/s/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(PUBLIC_URL).origin },
      body: new URLSearchParams(fields).toString(),
    });

  it("takes one answer per link, through the page", async () => {
    await h.request("POST", "/api/surveys", testSurvey("links"));
    await h.request("POST", "/api/surveys/links/open");
    const { invites } = await (await h.request("POST", "/api/surveys/links/invites", { count: 2 })).json();
    const link = new URL(invites[0].link);
    expect(link.origin + link.pathname).toBe(`${PUBLIC_URL}/s/links`);

    const page = await h.app.request(link.pathname + link.search);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`value="${invites[0].token}"`);

    const first = await post("links", { token: link.searchParams.get("token")!, "q.score": "9" });
    expect(first.status).toBe(303);
    const again = await post("links", { token: link.searchParams.get("token")!, "q.score": "3" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(`error-token`);
    const exported = await (await h.request("GET", "/api/surveys/links/export?format=json")).json();
    expect(exported.answers.map((a: { answers: unknown }) => a.answers)).toEqual([{ score: 9 }]);
    expect(await (await h.request("GET", "/api/surveys/links")).json()).toMatchObject({
      answerCount: 1,
      inviteCount: 1,
    });
  });
});
