// The survey member pages under `deno serve`: bindings are the process's environment, and the
// member's address (for the rate limit only) is the connection's, as Deno hands it over.
import { surveysEdgeHandler } from "@agora/surveys/edge";

const addresses = new WeakMap<Request, string>();
const handler = surveysEdgeHandler({ clientAddress: (request) => addresses.get(request) });
const bindings = Deno.env.toObject();

export default {
  fetch(request: Request, info: Deno.ServeHandlerInfo) {
    addresses.set(request, info.remoteAddr.hostname);
    return handler.fetch(request, bindings);
  },
};
