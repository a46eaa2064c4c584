/**
 * Dockerfile fragments shared by recipes. Kept as text (not a builder DSL) because the exact text
 * is what gets hashed and what a maintainer reads in `.dockproof/build/<name>/Dockerfile`.
 */

/** One layer that installs packages and leaves no apt lists behind (they are ~50 MB and stale at once). */
export function aptInstall(packages: readonly string[]): string {
  return [
    "RUN set -eux; \\",
    "    apt-get update; \\",
    `    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(" ")}; \\`,
    "    rm -rf /var/lib/apt/lists/*",
  ].join("\n");
}

/** Joins instructions into a Dockerfile with a trailing newline. */
export function dockerfile(...instructions: readonly string[]): string {
  return `${instructions.join("\n")}\n`;
}

/** The image a recipe builds FROM: the dependency's local tag (a substitute tag or the real ref). */
export function fromLine(localRef: string): string {
  return `FROM ${localRef}`;
}
