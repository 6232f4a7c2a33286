import { Counter, type Registry } from "prom-client";

export function createIntakeCounter(registry: Registry): Counter<"source" | "result"> {
  return new Counter({
    name: "agora_intake_deliveries_total",
    help: "Webhook deliveries received, by source and what became of them",
    labelNames: ["source", "result"],
    registers: [registry],
  });
}
