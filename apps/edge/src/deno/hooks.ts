// The webhook intake under `deno serve`: bindings are the process's environment. A Deno process
// lives on between requests, so the intake keeps a pool and commits deliveries in groups, as on
// Node, with no Durable Object needed.
import { hooksEdgeHandler, pooledDeliveryWriter, type DeliveryWriter } from "@agora/hooks/edge";

let writer: DeliveryWriter | undefined;
const handler = hooksEdgeHandler({ writer: (_, databaseUrl) => (writer ??= pooledDeliveryWriter(databaseUrl)) });
const bindings = Deno.env.toObject();

export default {
  fetch: (request: Request) => handler.fetch(request, bindings),
};
