// The CLI the way bin/dockproof.mjs ran it before the bundle: the TypeScript sources through tsx's loader hook, compiled
// on load. bench/fast.bench.ts times it against the bundle (and Node 24's own type stripping) to show why the bundle.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../harness/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
