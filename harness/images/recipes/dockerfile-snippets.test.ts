import { describe, expect, it } from "vitest";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";

describe("dockerfile snippets", () => {
  it("installs packages without recommends and removes apt lists in the same layer", () => {
    const run = aptInstall(["busybox", "iproute2"]);
    expect(run.startsWith("RUN ")).toBe(true);
    expect(run).toContain("apt-get install -y --no-install-recommends busybox iproute2");
    expect(run).toMatch(/rm -rf \/var\/lib\/apt\/lists\/\*$/);
    expect(run.split("RUN").length).toBe(2);
  });

  it("joins instructions with a trailing newline", () => {
    expect(dockerfile(fromLine("x:1"), 'CMD ["sh"]')).toBe('FROM x:1\nCMD ["sh"]\n');
  });
});
