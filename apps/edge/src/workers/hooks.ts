// The webhook intake as a module worker (workerd, Cloudflare Workers); `agora serve hooks` is its Node entry.
import { DurableObject } from "cloudflare:workers";
import type { NewDelivery } from "@agora/db";
import { parseBindings } from "@agora/config";
import { hooksEdgeHandler, pooledDeliveryWriter, type DeliveryWriter, type HooksBindings } from "@agora/hooks/edge";

/** The namespace binding of `DeliveryWriterObject`, as much of it as the intake calls. */
interface WriterNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DeliveryWriter;
}

interface Bindings extends HooksBindings {
  DELIVERY_WRITER?: WriterNamespace;
}

/**
 * Writes deliveries for every isolate of the intake: a Durable Object outlives requests, so its
 * pool and group commit do too (docs/adr/0012). The front worker has already checked the bindings.
 */
export class DeliveryWriterObject extends DurableObject<Bindings> {
  #writer: DeliveryWriter | undefined;

  async write(delivery: NewDelivery) {
    if (!this.#writer) {
      const parsed = parseBindings(this.env);
      if (!parsed.ok) throw new Error(`the delivery writer is misconfigured: ${parsed.problems.join("; ")}`);
      // Workers allow six simultaneous outgoing connections per request, a Durable Object's
      // included; the group commit keeps one transaction in flight, so four are plenty.
      this.#writer = pooledDeliveryWriter(parsed.databaseUrl, { connections: 4 });
    }
    return this.#writer.write(delivery);
  }
}

export default hooksEdgeHandler<Bindings>({
  writer: (bindings) => {
    const namespace = bindings.DELIVERY_WRITER;
    if (!namespace) return undefined;
    // One object for the whole intake: webhook traffic is a few senders', not the world's. A stub
    // is an I/O object of the request that made it, so each request takes its own.
    const id = namespace.idFromName("deliveries");
    return { write: (delivery) => namespace.get(id).write(delivery) };
  },
});
