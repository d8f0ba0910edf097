// A test that runs the whole web server builds into a folder of its own
// (tests/support/app-server.ts), never over the build/ that `npm start` serves.
const testBuild = process.env.REMIX_TEST_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ...(testBuild ? { serverBuildPath: `${testBuild}/index.js`, assetsBuildDirectory: `${testBuild}/public` } : {}),
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/__*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
