// Single fetch (remix.config.js future.v3_singleFetch): loader and action data
// reach the page through turbo-stream, and useLoaderData's types say so.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
