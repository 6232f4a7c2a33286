// The benchmark's floor in workerd: the same HTTP stack reading the body and answering 202,
// storing nothing, as the bare app the Node intake is measured against.
import { Hono } from "hono";

const app = new Hono();
app.post("/hooks/gitlab", async (c) => {
  await c.req.arrayBuffer();
  return c.body(null, 202);
});

export default app;
