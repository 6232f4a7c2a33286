// The webhook intake as a module worker (workerd, Cloudflare Workers); `agora serve hooks` is its Node entry.
import { hooksEdgeHandler } from "@agora/hooks/edge";

export default hooksEdgeHandler();
