import { describe, expect, it } from "vitest";
import { isCrossSitePost, ownOrigins } from "../../src/page/cross-site-check.ts";

const own = ownOrigins("http://localhost:8080/s/example", "https://agora.example.org/");

describe("isCrossSitePost", () => {
  it("knows the request's origin and the public one", () => {
    expect(own).toEqual(["http://localhost:8080", "https://agora.example.org"]);
    expect(ownOrigins("http://localhost/s/x", "not a url")).toEqual(["http://localhost"]);
  });

  it.each([
    [{ origin: "https://agora.example.org" }, false],
    [{ origin: "HTTPS://AGORA.EXAMPLE.ORG" }, false],
    [{ origin: "http://localhost:8080", secFetchSite: "cross-site" }, false],
    [{ origin: "https://evil.example" }, true],
    [{ origin: "https://agora.example.org.evil.example" }, true],
    [{ origin: "http://agora.example.org" }, true],
    [{ origin: "null", secFetchSite: "same-origin" }, false],
    [{ origin: "null", secFetchSite: "cross-site" }, true],
    [{ origin: "null" }, false],
    [{ secFetchSite: "same-origin" }, false],
    [{ secFetchSite: "none" }, false],
    [{ secFetchSite: "same-site" }, true],
    [{ secFetchSite: "cross-site" }, true],
    [{}, false],
  ])("%j → cross-site %s", (headers, expected) => {
    expect(isCrossSitePost(headers, own)).toBe(expected);
  });
});
