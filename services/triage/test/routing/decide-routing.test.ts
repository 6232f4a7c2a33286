import { Community } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { train } from "../../src/classifier/train.ts";
import { decideRouting, templateFields, type RoutingIssue } from "../../src/routing/index.ts";

const member = (name: string) => ({ matrix: `@${name}:example.org`, gitlab: name });
const community = Community.parse({
  sigs: [
    {
      id: "cloud",
      name: "Cloud",
      leads: [member("alice")],
      gitlab: { labels: ["sig::cloud"], projects: ["distro/cloud-images"] },
      packages: ["cloud-init"],
      components: ["ami"],
      keywords: ["ec2"],
      room: "#cloud:example.org",
    },
    {
      id: "kernel",
      name: "Kernel",
      leads: [member("bob")],
      gitlab: { labels: ["sig::kernel"] },
      packages: ["kernel"],
      keywords: ["panic"],
      room: "#kernel:example.org",
    },
    {
      id: "desktop",
      name: "Desktop",
      leads: [member("carol")],
      gitlab: { labels: ["sig::desktop"] },
      packages: ["gnome-shell"],
      room: "#desktop:example.org",
    },
  ],
});
const issue = (fields: Partial<RoutingIssue>): RoutingIssue => ({
  projectPath: "distro/bugs",
  title: "",
  description: "",
  labels: [],
  ...fields,
});
const ctx = { community, threshold: 0.6 };

describe("decideRouting on rules alone", () => {
  it("a SIG label already on the issue is decisive, whatever the words say", () => {
    const routing = decideRouting({ ctx, input: issue({ title: "kernel panic", labels: ["bug", "sig::desktop"] }) });
    expect(routing).toMatchObject({ sig: "desktop", confidence: 1, mode: "act" });
    expect(routing.reasons).toEqual(["rule: the issue has the label sig::desktop"]);
  });

  it("a project listed by one SIG is decisive", () => {
    const routing = decideRouting({
      ctx,
      input: issue({ projectPath: "distro/cloud-images", title: "kernel panic on boot" }),
    });
    expect(routing).toMatchObject({ sig: "cloud", confidence: 1, mode: "act" });
    expect(routing.reasons[0]).toContain("distro/cloud-images");
  });

  it("terms of one SIG act, and the reasons say which and where", () => {
    const routing = decideRouting({
      ctx,
      input: issue({ title: "cloud-init fails on EC2", description: "### Component\nami" }),
    });
    expect(routing).toMatchObject({ sig: "cloud", mode: "act", confidence: 0.9 });
    expect(routing.reasons).toEqual([
      'rule: package "cloud-init" in the title',
      'rule: keyword "ec2" in the title',
      'rule: component "ami" in the template field "Component"',
    ]);
  });

  it("terms of two SIGs split the confidence: it asks, with both as suggestions", () => {
    const routing = decideRouting({ ctx, input: issue({ title: "kernel oops with gnome-shell" }) });
    expect(routing.mode).toBe("ask");
    expect(routing.confidence).toBeCloseTo(0.45);
    expect(routing.suggestions.map((s) => s.sig).sort()).toEqual(["desktop", "kernel"]);
  });

  it("nothing matching and no model: asks with no SIG and says why", () => {
    const routing = decideRouting({ ctx, input: issue({ title: "it does not work" }) });
    expect(routing).toMatchObject({ sig: null, confidence: 0, mode: "ask", suggestions: [] });
    expect(routing.reasons[0]).toContain("no rule matched");
  });
});

describe("decideRouting with a model", () => {
  const reports = [
    ...Array.from({ length: 30 }, (_, i) => ({
      title: `instance metadata timeout ${i}`,
      description: "the instance hangs at metadata",
      sig: "cloud",
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      title: `wallpaper flickers ${i}`,
      description: "the wallpaper flickers on login",
      sig: "desktop",
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      title: `scheduler stalls ${i}`,
      description: "the scheduler stalls under load",
      sig: "kernel",
    })),
  ];
  const { model } = train(reports);

  it("routes words no rule lists, with the model's words as the reason", () => {
    const routing = decideRouting({
      ctx: { ...ctx, model },
      input: issue({ title: "wallpaper flickers after update" }),
    });
    expect(routing.sig).toBe("desktop");
    expect(routing.suggestions).toHaveLength(3);
    // One percentage, the suggestion's own: the reason names words, not a second figure.
    expect(routing.reasons).toEqual([expect.stringMatching(/^model: the words .*"wallpaper"/)]);
    expect(routing.reasons.join(" ")).not.toMatch(/%/);
  });

  it("blends: a listed term of another SIG pulls the confidence down", () => {
    const alone = decideRouting({ ctx: { ...ctx, model }, input: issue({ title: "wallpaper flickers" }) });
    const mixed = decideRouting({
      ctx: { ...ctx, model },
      input: issue({ title: "wallpaper flickers", description: "also a kernel panic" }),
    });
    expect(mixed.confidence).toBeLessThan(alone.confidence);
    // Whichever SIG wins, the evidence for the other is there and says where it points.
    const other = mixed.sig === "kernel" ? "desktop" : "kernel";
    expect(mixed.reasons.some((r) => r.includes(`points to ${other}`))).toBe(true);
    expect(mixed.mode).toBe("ask");
  });

  it("a threshold above the confidence makes it ask", () => {
    const routing = decideRouting({
      ctx: { ...ctx, model, threshold: 0.999 },
      input: issue({ title: "scheduler stalls" }),
    });
    expect(routing).toMatchObject({ sig: "kernel", mode: "ask" });
  });
});

it("templateFields reads headings and bold labels, and skips empty fields", () => {
  expect(templateFields("### Package\ncloud-init\n\n### Version\n\n**Arch:** x86_64\ntext")).toEqual([
    { name: "Package", value: "cloud-init" },
    { name: "Arch", value: "x86_64\ntext" },
  ]);
});
