import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { roleCommands } from "../src/roles.ts";

// Neither docker compose nor a cluster is at hand in CI: the files are parsed, and what they run
// is compared with the roles the `agora` command knows.
const infra = new URL("../../../infra/", import.meta.url).pathname;

interface Container {
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: { replicas?: number; strategy?: { type: string }; template: { spec: { containers: Container[] } } };
}
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync(join(infra, "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const kustomization = parse(readFileSync(join(infra, "kubernetes/kustomization.yaml"), "utf8")) as {
  resources: string[];
};
const manifests = kustomization.resources.flatMap((file) =>
  parseAllDocuments(readFileSync(join(infra, "kubernetes", file), "utf8")).map((doc) => doc.toJS() as Manifest),
);
const deployments = manifests.filter((m) => m.kind === "Deployment");

// `start` runs every part in one process; a deployment runs the other roles, each on its own.
const deployedRoles = Object.values(roleCommands).filter((role) => role !== roleCommands.all);
const sameCommand = (a: readonly string[] | undefined, b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

function composeServices(command: readonly string[]) {
  return Object.entries(compose.services).filter(([, service]) => sameCommand(service.command, command));
}
function deploymentOf(command: readonly string[]) {
  return deployments.find((d) => d.spec.template.spec.containers.some((c) => sameCommand(c.args, command)));
}
const envNames = (container: Container | undefined) => (container?.env ?? []).map((e) => e.name);

describe("deployments", () => {
  it("every manifest the kustomization lists is in the folder, and every manifest in the folder is listed", () => {
    const inFolder = readdirSync(join(infra, "kubernetes")).filter(
      (f) => f.endsWith(".yaml") && f !== "kustomization.yaml" && f !== "secret.example.yaml",
    );
    expect([...kustomization.resources].sort()).toEqual(inFolder.sort());
  });

  it.each(deployedRoles.map((role) => [role.command.join(" "), role] as const))(
    "compose and kubernetes run `agora %s`",
    (_, role) => {
      expect(composeServices(role.command).length, `compose service running ${role.command.join(" ")}`).toBeGreaterThan(
        0,
      );
      expect(deploymentOf(role.command), `Deployment running ${role.command.join(" ")}`).toBeDefined();
    },
  );

  it("runs exactly one bot, replaced by stopping the old one first", () => {
    const bots = composeServices(roleCommands.bot.command);
    expect(bots).toHaveLength(1);
    expect(bots[0]![1].deploy?.replicas).toBe(1);
    const bot = deploymentOf(roleCommands.bot.command)!;
    expect(bot.spec.replicas).toBe(1);
    expect(bot.spec.strategy?.type).toBe("Recreate");
  });

  it("hands the bot a token or a password, and the worker the triage model settings", () => {
    const matrix = [
      "MATRIX_HOMESERVER_URL",
      "MATRIX_ACCESS_TOKEN",
      "MATRIX_USER_ID",
      "MATRIX_PASSWORD",
      "GITLAB_URL",
      "GITLAB_TOKEN",
    ];
    const [, composeBot] = composeServices(roleCommands.bot.command)[0]!;
    for (const name of matrix) expect(Object.keys(composeBot.environment ?? {})).toContain(name);
    const k8sBot = deploymentOf(roleCommands.bot.command)!.spec.template.spec.containers[0];
    for (const name of ["MATRIX_ACCESS_TOKEN", "MATRIX_USER_ID", "MATRIX_PASSWORD", "GITLAB_TOKEN"])
      expect(envNames(k8sBot)).toContain(name);

    const [, composeWorker] = composeServices(roleCommands.worker.command)[0]!;
    const k8sWorker = deploymentOf(roleCommands.worker.command)!.spec.template.spec.containers[0];
    for (const name of ["AGORA_TRIAGE_MODEL", "AGORA_TRIAGE_THRESHOLD"]) {
      expect(Object.keys(composeWorker.environment ?? {})).toContain(name);
      expect(envNames(k8sWorker)).toContain(name);
    }
  });

  it("the example Secret holds every key a Deployment reads from it", () => {
    const secret = parse(readFileSync(join(infra, "kubernetes/secret.example.yaml"), "utf8")) as {
      stringData: Record<string, string>;
    };
    const keys = deployments.flatMap((d) =>
      d.spec.template.spec.containers.flatMap((c) =>
        (c.env ?? []).flatMap((e) => e.valueFrom?.secretKeyRef?.key ?? []),
      ),
    );
    for (const key of new Set(keys)) expect(Object.keys(secret.stringData)).toContain(key);
  });
});
