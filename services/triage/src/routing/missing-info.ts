import type { SigRequirement } from "@agora/schemas";

// Deliberately forgiving: asking for something the report already says annoys its author more
// than routing it without asking, so any plausible mention counts.
const found: Record<SigRequirement, RegExp> = {
  // "9.4", "AlmaLinux 9", "el8", "release 10.0", "kernel 5.14.0-427…"
  version:
    /\b(?:el|almalinux\s*|alma\s*|rhel\s*|release\s*|version\s*)?\d{1,2}\.\d{1,3}\b|\b(?:el|almalinux\s*|alma\s*|rhel\s*)\d{1,2}\b/i,
  architecture: /\b(?:x86[_-]64|amd64|aarch64|arm64|ppc64le|s390x|i[36]86|riscv64|architecture|arch:)/i,
  steps: /steps to reproduce|how to reproduce|to reproduce|reproducer|^\s*\d+[.)]\s+\S/im,
};

const label: Record<SigRequirement, string> = {
  version: "the release and version where it happens (for example 9.4)",
  architecture: "the architecture (x86_64, aarch64, ppc64le, s390x…)",
  steps: "the steps to reproduce it",
};

/** What the SIG needs that the report does not say, as sentences for the note. */
export function missingInfo(requires: readonly SigRequirement[], text: string): string[] {
  return requires.filter((r) => !found[r].test(text)).map((r) => label[r]);
}
