export { MatrixCallError, type MatrixFailure, type MatrixTransport } from "./transport.ts";
