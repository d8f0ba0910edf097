// The demo sign-ins live in app/config/demo-logins.ts; scripts, benchmarks and
// tests that import them from here keep working.
export * from "../../app/config/demo-logins";
