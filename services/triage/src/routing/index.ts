export { decideRouting, type Routing, type RoutingContext, type RoutingIssue } from "./decide-routing.ts";
export { templateFields } from "./template-fields.ts";
