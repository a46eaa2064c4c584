// `node --import ./record-packages.mjs …`: when the process exits, writes to $RECORD_PACKAGES_FILE (one a line) every
// npm package it loaded — through ESM resolution (a resolve hook, seen for the first import of each package from the
// harness's own modules) or through require (Node's CommonJS cache, deeper requires included).
import { createRequire, register } from "node:module";
import { appendFileSync, writeFileSync } from "node:fs";

const file = process.env.RECORD_PACKAGES_FILE;
const PACKAGE = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;
const hook = `
import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(file)}, resolved.url + "\\n");
  return resolved;
}`;
writeFileSync(file, "");
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const cache = createRequire(import.meta.url)("node:module")._cache;
process.on("exit", () => appendFileSync(file, `${Object.keys(cache).join("\n")}\n`));
export { PACKAGE };
