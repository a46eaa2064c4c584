/**
 * Parses apt source definitions so the offline base image is bootstrapped from the mirror this
 * machine already uses. We never hard-code a mirror: the machine's own configuration is the only
 * place that knows which mirror is reachable (and allowed) here.
 */
export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  /** Keyring file from `Signed-By`, when it names a file rather than an inline key. */
  signedBy: string | null;
  /** Where the entry came from, for error messages. */
  origin: string;
}

export interface AptMirror {
  uri: string;
  suite: string;
  signedBy: string | null;
  origin: string;
}

/** Schemes debootstrap can fetch from; `mirror+file:`, `cdrom:` and friends are skipped. */
const SUPPORTED_SCHEMES = ["http:", "https:", "file:"];

/** deb822 `.sources` format: blank-line separated stanzas of `Key: value` fields. */
export function parseDeb822Sources(text: string, origin: string): AptSource[] {
  const sources: AptSource[] = [];
  const stanzas = text.split(/\n\s*\n/);
  for (const stanza of stanzas) {
    const fields = new Map<string, string>();
    let lastKey: string | null = null;
    for (const rawLine of stanza.split("\n")) {
      if (rawLine.trimStart().startsWith("#")) continue;
      // Continuation lines (leading whitespace) extend the previous field, e.g. multi-line Signed-By keys.
      if (/^\s/.test(rawLine) && lastKey !== null) {
        fields.set(lastKey, `${fields.get(lastKey) ?? ""}\n${rawLine.trim()}`);
        continue;
      }
      const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(rawLine);
      if (!match?.[1]) continue;
      lastKey = match[1].toLowerCase();
      fields.set(lastKey, (match[2] ?? "").trim());
    }
    if (!fields.has("uris")) continue;
    if (/^(no|false|0)$/i.test(fields.get("enabled") ?? "yes")) continue;
    const signedBy = fields.get("signed-by") ?? "";
    sources.push({
      types: words(fields.get("types")),
      uris: words(fields.get("uris")),
      suites: words(fields.get("suites")),
      components: words(fields.get("components")),
      signedBy: signedBy.startsWith("/") && !signedBy.includes("\n") ? signedBy : null,
      origin,
    });
  }
  return sources;
}

/** One-line format: `deb [opt=value ...] uri suite component...`. */
export function parseOneLineSources(text: string, origin: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const rawLine of text.split("\n")) {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (line === "") continue;
    const match = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const options = new Map(
      words(match[2]).map((option) => {
        const [key = "", value = ""] = option.split("=", 2);
        return [key.toLowerCase(), value] as const;
      }),
    );
    const signedBy = options.get("signed-by") ?? "";
    sources.push({
      types: [match[1] ?? "deb"],
      uris: [match[3] ?? ""],
      suites: [match[4] ?? ""],
      components: words(match[5]),
      signedBy: signedBy.startsWith("/") ? signedBy : null,
      origin,
    });
  }
  return sources;
}

/**
 * The first binary (`deb`) source that carries `suite` itself (not `-updates`/`-security`) with
 * the `main` component: that is the archive a minimal Debian system is made of.
 */
export function pickMainMirror(sources: readonly AptSource[], suite: string): AptMirror | null {
  for (const source of sources) {
    if (!source.types.includes("deb")) continue;
    if (!source.suites.includes(suite) || !source.components.includes("main")) continue;
    const uri = source.uris.find((candidate) => SUPPORTED_SCHEMES.some((scheme) => candidate.startsWith(scheme)));
    if (uri) return { uri: uri.replace(/\/+$/, ""), suite, signedBy: source.signedBy, origin: source.origin };
  }
  return null;
}

function words(value: string | undefined): string[] {
  return (value ?? "").split(/\s+/).filter((word) => word !== "");
}
