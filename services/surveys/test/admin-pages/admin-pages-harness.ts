import { expect } from "vitest";
import { ADMIN_TOKEN, type AdminHarness } from "../admin/admin-harness.ts";

/** Headers a same-origin form post from an admin page carries in Chromium (the page is no-referrer). */
export const sameOrigin = { origin: "null", "sec-fetch-site": "same-origin" };

/** A browser of one admin: keeps the session cookie it was given and sends it back on /admin. */
export class AdminBrowser {
  cookie: string | undefined;
  private readonly h: AdminHarness;
  constructor(h: AdminHarness) {
    this.h = h;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.h.app.request(path, { headers: { ...this.cookieHeader(), ...headers } });
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.h.app.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...sameOrigin,
        ...this.cookieHeader(),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Signs in with the admin token and keeps the cookie; returns the Set-Cookie header. */
  async signIn(token = ADMIN_TOKEN): Promise<string> {
    const res = await this.post("/admin/sign-in", { token });
    expect(res.status).toBe(303);
    const set = res.headers.get("set-cookie") ?? "";
    this.cookie = /^agora_admin_session=([^;]+)/.exec(set)?.[1];
    expect(this.cookie).toBeDefined();
    return set;
  }

  /** The form token of the session, as the list page carries it in every form. */
  async csrf(): Promise<string> {
    const html = await (await this.get("/admin")).text();
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(token).toBeDefined();
    return token!;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookie ? { cookie: `agora_admin_session=${this.cookie}` } : {};
  }
}
