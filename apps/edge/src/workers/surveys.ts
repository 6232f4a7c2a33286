// The survey member pages as a module worker (workerd, Cloudflare Workers); `agora serve surveys` is their Node entry.
import { surveysEdgeHandler } from "@agora/surveys/edge";

export default surveysEdgeHandler();
