// The CLI from its TypeScript sources through Node's own type stripping (Node 22.6+; see strip-types-hooks.mjs).
const { main } = await import("../harness/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
