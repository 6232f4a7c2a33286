import { describe, expect, it } from "vitest";
import { missingInfo } from "../../src/routing/missing-info.ts";

describe("missingInfo", () => {
  const all = ["version", "architecture", "steps"] as const;

  it("asks for everything a bare report leaves out", () => {
    expect(missingInfo(all, "dnf is broken")).toHaveLength(3);
  });

  it("finds versions, architectures and steps written the ways people write them", () => {
    for (const text of ["AlmaLinux 9.4", "on el8", "since release 10.0", "kernel 5.14.0-427"]) {
      expect(missingInfo(["version"], text), text).toEqual([]);
    }
    for (const text of ["x86_64", "an ARM64 box", "ppc64le", "s390x guests", "Arch: aarch64"]) {
      expect(missingInfo(["architecture"], text), text).toEqual([]);
    }
    for (const text of ["Steps to reproduce: boot", "1. install\n2. reboot", "How to reproduce it"]) {
      expect(missingInfo(["steps"], text), text).toEqual([]);
    }
  });

  it("asks for nothing when the SIG requires nothing", () => {
    expect(missingInfo([], "")).toEqual([]);
  });
});
