export { createMatrixTransport, silentLogger, type MatrixTransportOptions } from "./matrix-transport.ts";
export { MatrixCallError, type MatrixFailure, type MatrixTransport } from "./transport.ts";
