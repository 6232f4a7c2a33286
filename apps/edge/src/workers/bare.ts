// A Hono app that does nothing, for the benchmark: what serving any request in workerd costs.
import { Hono } from "hono";

const app = new Hono();
app.post("/hooks/gitlab", (c) => c.body(null, 202));

export default app;
