import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ImageError } from "../support/errors.js";
import { findCommand } from "../support/debian-packages.js";
import { type AptMirror, type AptSource, parseDeb822Sources, parseOneLineSources, pickMainMirror } from "./apt-sources.js";

/** What the offline base image is bootstrapped from: this machine's suite and its main mirror. */
export interface HostDistro {
  suite: string;
  mirror: AptMirror;
}

const OFFLINE_HINT =
  'Offline images are bootstrapped from the host\'s own Debian/Ubuntu apt mirror; on other hosts use images mode "online" ' +
  "(a reachable registry) or run dockproof on a Debian-based machine.";

export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1]) fields[match[1]] = (match[2] ?? "").replace(/^(["'])(.*)\1$/, "$2");
  }
  return fields;
}

/** `root` exists so tests can point at a fake filesystem; production passes nothing. */
export async function readHostDistro(root = "/"): Promise<HostDistro> {
  const osReleasePath = path.join(root, "etc/os-release");
  const osRelease = parseOsRelease(await readFile(osReleasePath, "utf8").catch(() => ""));
  const suite = osRelease.VERSION_CODENAME ?? "";
  if (suite === "") {
    throw new ImageError(
      "IMAGE_HOST_UNSUPPORTED",
      `Expected VERSION_CODENAME in ${osReleasePath} to know which suite to bootstrap, received ` +
        `${osRelease.PRETTY_NAME ? `"${osRelease.PRETTY_NAME}" without a codename` : "no such file or field"}. ${OFFLINE_HINT}`,
    );
  }
  const sources = await readAptSources(root);
  const mirror = pickMainMirror(sources, suite);
  if (!mirror) {
    throw new ImageError(
      "IMAGE_HOST_UNSUPPORTED",
      `Expected an enabled apt source for suite "${suite}" with component "main" in ` +
        `${path.join(root, "etc/apt/sources.list")} or ${path.join(root, "etc/apt/sources.list.d/")}, received ` +
        `${sources.length} source(s) and none matched. ${OFFLINE_HINT}`,
    );
  }
  return { suite, mirror };
}

/** Same order apt reads them: sources.list first, then sources.list.d in lexical order. */
async function readAptSources(root: string): Promise<AptSource[]> {
  const aptDir = path.join(root, "etc/apt");
  const listDir = path.join(aptDir, "sources.list.d");
  const dirEntries = await readdir(listDir).catch(() => [] as string[]);
  const files = [path.join(aptDir, "sources.list"), ...dirEntries.sort().map((name) => path.join(listDir, name))];
  const sources: AptSource[] = [];
  for (const file of files) {
    const isDeb822 = file.endsWith(".sources");
    if (!isDeb822 && !file.endsWith(".list")) continue; // e.g. `*.disabled`, `*.save` are ignored by apt too
    const text = await readFile(file, "utf8").catch(() => null);
    if (text === null) continue;
    sources.push(...(isDeb822 ? parseDeb822Sources(text, file) : parseOneLineSources(text, file)));
  }
  return sources;
}

/** debootstrap writes device nodes and chowns files, so it needs the binary and real root. */
export async function requireBootstrapTools(pathEnv = process.env.PATH ?? "", uid = process.getuid?.()): Promise<string> {
  const found = await findCommand("debootstrap", pathEnv);
  if (!found) {
    throw new ImageError(
      "IMAGE_HOST_UNSUPPORTED",
      `Building the offline base image needs debootstrap: expected it on PATH (${pathEnv}), received nothing. ` +
        `Install it with \`apt-get install debootstrap\`. ${OFFLINE_HINT}`,
    );
  }
  if (uid !== 0) {
    throw new ImageError(
      "IMAGE_HOST_UNSUPPORTED",
      `debootstrap must run as root to create device nodes and file ownership: expected uid 0, received uid ${uid ?? "unknown"}. ` +
        "Run the offline image build once as root (later runs reuse the cached images).",
    );
  }
  return found;
}
