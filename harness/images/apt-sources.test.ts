import { describe, expect, it } from "vitest";
import { parseDeb822Sources, parseOneLineSources, pickMainMirror } from "./apt-sources.js";

// Host names use the reserved `.invalid` TLD on purpose: tests must never name a real mirror.
const DEB822 = `Types: deb
# a comment that mentions http://commented.invalid/debian
URIs: http://mirror-a.invalid/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror-a.invalid/debian-security
Suites: bookworm-security
Components: main
`;

describe("parseDeb822Sources", () => {
  it("reads every stanza with its fields", () => {
    const sources = parseDeb822Sources(DEB822, "debian.sources");
    expect(sources).toHaveLength(2);
    expect(sources[0]).toMatchObject({
      types: ["deb"],
      uris: ["http://mirror-a.invalid/debian/"],
      suites: ["bookworm", "bookworm-updates"],
      components: ["main"],
      signedBy: "/usr/share/keyrings/debian-archive-keyring.gpg",
      origin: "debian.sources",
    });
  });

  it("skips disabled stanzas and keeps inline keys out of signedBy", () => {
    const text = `Types: deb
URIs: http://disabled.invalid/debian
Suites: bookworm
Components: main
Enabled: no

Types: deb deb-src
URIs: http://mirror-b.invalid/debian
Suites: bookworm
Components: contrib main
Signed-By:
 -----BEGIN PGP PUBLIC KEY BLOCK-----
 .
 -----END PGP PUBLIC KEY BLOCK-----
`;
    const sources = parseDeb822Sources(text, "x.sources");
    expect(sources.map((s) => s.uris[0])).toEqual(["http://mirror-b.invalid/debian"]);
    expect(sources[0]?.signedBy).toBeNull();
    expect(sources[0]?.types).toEqual(["deb", "deb-src"]);
  });
});

describe("parseOneLineSources", () => {
  it("parses options, comments and deb-src lines", () => {
    const text = `# deb http://commented.invalid/debian bookworm main
deb-src http://src.invalid/debian bookworm main
deb [arch=amd64 signed-by=/etc/keyrings/k.gpg] http://mirror-c.invalid/debian bookworm main contrib # trailing
deb http://mirror-d.invalid/debian bookworm-security main
`;
    const sources = parseOneLineSources(text, "sources.list");
    expect(sources).toHaveLength(3);
    expect(sources[1]).toMatchObject({
      types: ["deb"],
      uris: ["http://mirror-c.invalid/debian"],
      suites: ["bookworm"],
      components: ["main", "contrib"],
      signedBy: "/etc/keyrings/k.gpg",
    });
  });
});

describe("pickMainMirror", () => {
  it("picks the first deb source with the exact suite and main, trimming the trailing slash", () => {
    const sources = [
      ...parseOneLineSources("deb http://mirror-d.invalid/debian bookworm-updates main\n", "a.list"),
      ...parseOneLineSources("deb http://mirror-e.invalid/debian bookworm contrib\n", "b.list"),
      ...parseDeb822Sources(DEB822, "debian.sources"),
      ...parseOneLineSources("deb http://later.invalid/debian bookworm main\n", "c.list"),
    ];
    expect(pickMainMirror(sources, "bookworm")).toEqual({
      uri: "http://mirror-a.invalid/debian",
      suite: "bookworm",
      signedBy: "/usr/share/keyrings/debian-archive-keyring.gpg",
      origin: "debian.sources",
    });
  });

  it("ignores deb-src and schemes debootstrap cannot fetch", () => {
    const sources = [
      ...parseOneLineSources("deb-src http://src.invalid/debian bookworm main\n", "a.list"),
      ...parseOneLineSources("deb mirror+file:/etc/apt/mirrors.txt bookworm main\n", "b.list"),
      ...parseOneLineSources("deb https://mirror-f.invalid/debian bookworm main\n", "c.list"),
    ];
    expect(pickMainMirror(sources, "bookworm")?.uri).toBe("https://mirror-f.invalid/debian");
  });

  it("returns null when no source carries the suite", () => {
    expect(pickMainMirror(parseDeb822Sources(DEB822, "d"), "trixie")).toBeNull();
  });
});
