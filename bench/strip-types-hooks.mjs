// Node 24's own TypeScript support, for bench/fast.bench.ts: `node --experimental-transform-types --import
// ./strip-types-hooks.mjs bench/cli-strip-types.mjs`. The sources import each other as `./x.js` (NodeNext), which Node
// does not map to `./x.ts`; this synchronous hook (module.registerHooks, Node 23.5+) does. Strip-only mode is not
// enough: harness/checks/eventually.ts and others use parameter properties, hence --experimental-transform-types.
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith(".") && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
      try {
        return next(`${specifier.slice(0, -3)}.ts`, context);
      } catch {
        // a real .js file
      }
    }
    return next(specifier, context);
  },
});
