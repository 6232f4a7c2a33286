import type { Sig } from "@agora/schemas";
import { mulberry32 } from "./sgd.ts";
import type { TrainingExample } from "./training-data.ts";

// SYNTHETIC DATA. There is no labelled GitLab history offline, so tests and the benchmark use bug
// reports made up here from the community file. Figures measured on them show the code works and how
// fast it is; they say nothing about accuracy on real bugs (docs/adr/0006-bug-classifier.md).
//
// What makes them hard on purpose: many reports never name a package, component or keyword of the
// community file (only the words people use around them, below); a quarter mention another SIG's
// terms, and a term now and then is another SIG's outright; some say nothing specific at all; a few
// are mislabelled, as triaged history is; typos; stack traces, versions and log lines with no signal.

/** Words a SIG's bugs use that its community-file entry does not list (only for the example SIGs). */
const jargon: Record<string, string[]> = {
  core: [
    "transaction check error",
    "depsolve",
    "unit failed",
    "journalctl",
    "segfault in libc",
    "dependency problem",
    "broken symlink",
    "rescue mode",
    "emergency shell",
    "repoquery",
  ],
  cloud: [
    "instance",
    "user-data",
    "metadata service",
    "marketplace",
    "growpart",
    "resize root partition",
    "ssh key injection",
    "hyperv",
    "launch template",
    "boot disk",
  ],
  "hpc-ai": [
    "cluster",
    "compute node",
    "job scheduler",
    "srun",
    "gpu",
    "rank",
    "nvidia-smi",
    "tensor",
    "multi-node",
    "fabric",
  ],
  security: [
    "exploit",
    "patch advisory",
    "audit",
    "denied access",
    "certificate",
    "tls handshake",
    "policy module",
    "hardening",
    "scap profile",
    "advisory",
  ],
  migration: [
    "pre-upgrade report",
    "inhibitor",
    "upgrade path",
    "from centos 7",
    "switch distro",
    "convert",
    "actor failed",
    "rollback",
    "target release",
    "elevate",
  ],
  kernel: [
    "oops",
    "call trace",
    "modprobe",
    "bug: soft lockup",
    "watchdog",
    "vmcore",
    "nic driver",
    "module signature",
    "panic on boot",
    "dmesg",
  ],
  docs: [
    "page",
    "broken link",
    "outdated instructions",
    "screenshot",
    "wording",
    "translation",
    "section",
    "example command",
    "heading",
    "readme",
  ],
  infrastructure: [
    "mirror sync",
    "repomd.xml",
    "checksum mismatch",
    "download fails",
    "timeout fetching",
    "rsync",
    "build log",
    "signing key",
    "cdn",
    "status page",
  ],
};

const shared = [
  "after update",
  "on AlmaLinux 9.3",
  "since yesterday",
  "fails",
  "error",
  "does not work",
  "please help",
  "regression",
  "reproducible",
  "on x86_64",
  "on aarch64",
  "fresh install",
  "works on 8.9",
  "not sure where to file this",
];
const titles = [
  "{a} fails with {b}",
  "{a}: {b} {s}",
  "{b} when using {a}",
  "{a} broken {s}",
  "Cannot {v} because of {a}",
  "[{a}] {b}",
  "{a} {s}",
  "{b} after upgrading {a}",
];
const verbs = ["install", "boot", "upgrade", "start", "build", "log in", "update", "deploy"];
const bodies = [
  "Steps to reproduce: {v} the system, then {a}. Expected it to work, got {b} instead.",
  "Hi, I see {b} with {a} {s}. {c}",
  "When I {v} with {a} I get {b}. {c} Any idea?",
  "{a} reports {b}. Version: {ver}. {c}",
  "Not sure if this is {x} or {a}, but {b} happens {s}.",
];

function noise(random: () => number): string {
  const lines = [
    () =>
      `Traceback (most recent call last):\n  File "/usr/lib/python3.9/site-packages/x/main.py", line ${Math.floor(random() * 900)}, in run`,
    () => `[  ${(random() * 100).toFixed(6)}] RIP: 0010:0x${Math.floor(random() * 1e8).toString(16)}`,
    () =>
      `Version: ${Math.floor(random() * 3) + 8}.${Math.floor(random() * 10)} (${["x86_64", "aarch64", "ppc64le", "s390x"][Math.floor(random() * 4)]})`,
    () => `exit status ${Math.floor(random() * 255)}`,
    () => "Thanks in advance",
  ];
  return lines[Math.floor(random() * lines.length)]!();
}

function typo(word: string, random: () => number): string {
  if (word.length < 5 || random() > 0.15) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return random() < 0.5
    ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
    : word.slice(0, i) + word.slice(i + 1);
}

/**
 * `count` SYNTHETIC labelled bug reports over the given SIGs, the same for the same seed. Each SIG gets
 * an equal share on average; `crossSig` is the share that also mentions another SIG's terms.
 */
export function syntheticReports(sigs: Sig[], count: number, seed = 1, crossSig = 0.25): TrainingExample[] {
  const random = mulberry32(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const vocab = sigs.map((sig) => {
    const named = [...sig.packages, ...sig.components, ...sig.keywords];
    const own =
      jargon[sig.id] ??
      (sig.description ?? sig.name)
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length > 3);
    return { named: named.length ? named : own, own };
  });
  const reports: TrainingExample[] = [];
  for (let n = 0; n < count; n++) {
    const s = Math.floor(random() * sigs.length);
    const { named, own } = vocab[s]!;
    // Only about half the reports name what the community file lists; the rest use the SIG's jargon.
    const other = vocab[(s + 1 + Math.floor(random() * (sigs.length - 1))) % sigs.length]!;
    const vague = random() < 0.08;
    const term = () => {
      if (vague || random() < 0.15) return pick(random() < 0.5 ? shared : random() < 0.5 ? other.named : other.own);
      return random() < 0.45 ? pick(named) : pick(own);
    };
    const fill = (template: string) =>
      template
        .replace("{a}", term())
        .replace("{b}", term())
        .replace("{c}", random() < crossSig ? `Maybe related to ${pick(other.named)}.` : pick(shared))
        .replace("{x}", pick(other.named))
        .replace("{v}", pick(verbs))
        .replace("{s}", pick(shared))
        .replace(
          "{ver}",
          `${Math.floor(random() * 6)}.${Math.floor(random() * 20)}.${Math.floor(random() * 500)}-${Math.floor(random() * 600)}.el9`,
        );
    const title = fill(pick(titles))
      .split(" ")
      .map((w) => typo(w, random))
      .join(" ");
    const lines = [fill(pick(bodies))];
    if (random() < 0.5) lines.push(noise(random));
    if (random() < 0.3) lines.push(fill(pick(bodies)));
    reports.push({
      title,
      description: lines
        .join("\n")
        .split(" ")
        .map((w) => typo(w, random))
        .join(" "),
      sig: sigs[random() < 0.05 ? Math.floor(random() * sigs.length) : s]!.id,
    });
  }
  return reports;
}
