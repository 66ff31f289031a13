/**
 * The indexer's HTTP API: SQL over HTTP at /sql (for @ponder/client and the portal) and GraphQL at /
 * and /graphql, as Ponder serves them. Read-only: Ponder's API database client cannot write.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();
app.use("/sql/*", client({ db, schema }));
app.use("/", graphql({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
