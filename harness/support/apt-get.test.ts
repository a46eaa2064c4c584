import { describe, expect, it, vi } from "vitest";
import { aptGet } from "./apt-get.js";
import { installWithApt } from "./debian-packages.js";
import type { ProcessOptions, ProcessResult } from "./run-process.js";

const FRONTEND = "/var/lib/dpkg/lock-frontend";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * apt-get and dpkg-query as this machine's would answer: packages in `installed`, dpkg's lock held by another process
 * until `heldUntil` (apt-get waits up to its DPkg::Lock::Timeout, printing what holds it), the package lists' lock held
 * for `listsBusy` more calls (apt-get update gives up at once), `unknown` packages that no mirror has. Records every
 * call and how many apt-get calls ran at once.
 */
class FakeApt {
  installed = new Set<string>();
  unknown = new Set<string>();
  heldUntil = 0;
  listsBusy = 0;
  calls: string[] = [];
  running = 0;
  mostAtOnce = 0;

  readonly run = async (argv: readonly string[], options: ProcessOptions): Promise<ProcessResult> => {
    this.calls.push(argv.join(" "));
    if (argv[0] === "dpkg-query") return this.answer(argv, 0, [...this.installed].map((name) => `${name} install ok installed`).join("\n"), "");
    this.running += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      return await this.aptGet(argv, options);
    } finally {
      this.running -= 1;
    }
  };

  private async aptGet(argv: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
    const timeoutMs = Number(/DPkg::Lock::Timeout=(\d+)/.exec(argv.join(" "))?.[1]) * 1000;
    if (argv.includes("update")) {
      if (this.listsBusy-- > 0)
        return this.answer(argv, 100, "", "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 77 (apt-get)");
      return this.answer(argv, 0, "Reading package lists...", "");
    }
    const heldFor = this.heldUntil - Date.now();
    if (heldFor > 0) {
      options.onLine?.(`Waiting for cache lock: Could not get lock ${FRONTEND}. It is held by process 4242 (unattended-upgr)...`);
      await sleep(Math.min(heldFor, timeoutMs));
      if (heldFor > timeoutMs)
        return this.answer(argv, 100, "", `E: Unable to acquire the dpkg frontend lock (${FRONTEND}), is another process using it?`);
    }
    const names = argv.slice(argv.indexOf("--no-install-recommends") + 1);
    const missing = names.find((name) => this.unknown.has(name));
    if (missing) return this.answer(argv, 100, "Reading package lists...", `E: Unable to locate package ${missing}`);
    await sleep(20);
    for (const name of names) this.installed.add(name);
    return this.answer(argv, 0, `Setting up ${names.join(" ")} ...`, "");
  }

  private answer(argv: readonly string[], exitCode: number, stdout: string, stderr: string): ProcessResult {
    const lines = [...stdout.split("\n"), ...stderr.split("\n")].filter(Boolean).map((text) => ({ text, atMs: 0 }));
    return { argv, exitCode, stdout, stderr, durationMs: 0, timedOut: false, lines };
  }
}

describe("installing Debian packages: one apt-get at a time, waiting for other processes' locks", () => {
  it("two of dockproof's own recipes asking at once: one apt-get at a time, and the second finds it installed", async () => {
    const apt = new FakeApt();
    const log: string[] = [];
    const both = ["bookworm", "trixie"].map((suite) =>
      installWithApt(["debootstrap"], `the ${suite} base`, (line) => log.push(line), { run: apt.run, lockWaitSeconds: 5 }),
    );
    await Promise.all(both);
    expect(apt.mostAtOnce).toBe(1);
    expect(apt.calls.filter((call) => call.includes(" install "))).toHaveLength(1);
    expect(log).toContain(
      "apt-get install debootstrap (the trixie base): waiting for dockproof's own apt-get (install debootstrap (the bookworm base)) to finish first",
    );
    expect(log).toContain("debootstrap already installed (the trixie base)");
  });

  it("the twin: apt-get calls outside the queue do overlap (what the queue prevents)", async () => {
    const apt = new FakeApt();
    const call = { what: "install", log: () => {}, timeoutMs: 10_000, run: apt.run };
    await Promise.all([aptGet(["install", "--no-install-recommends", "a"], call), aptGet(["install", "--no-install-recommends", "b"], call)]);
    expect(apt.mostAtOnce).toBe(2);
  });

  it("waits for a dpkg lock another process holds, and says what it waited for and how long", async () => {
    const apt = new FakeApt();
    apt.heldUntil = Date.now() + 600;
    const log: string[] = [];
    await installWithApt(["iptables"], "no Docker engine answers", (line) => log.push(line), { run: apt.run, lockWaitSeconds: 5 });
    expect(apt.installed.has("iptables")).toBe(true);
    expect(log).toContain(`apt-get install iptables (no Docker engine answers): waiting for ${FRONTEND}, held by process 4242 (unattended-upgr)`);
    expect(log.find((line) => line.includes(" waited "))).toMatch(
      new RegExp(
        `^apt-get install iptables \\(no Docker engine answers\\): waited 0\\.[5-9] s for ${FRONTEND} \\(held by process 4242 \\(unattended-upgr\\)\\)$`,
      ),
    );
  });

  it("the twin: a lock held longer than dockproof waits fails, naming the lock, its holder and the wait", async () => {
    const apt = new FakeApt();
    apt.heldUntil = Date.now() + 60_000;
    const failure = installWithApt(["wget"], "a test", () => {}, { run: apt.run, lockWaitSeconds: 1 });
    await expect(failure).rejects.toMatchObject({
      code: "E_INSTALL_LOCKED",
      message: expect.stringMatching(
        new RegExp(
          `^this machine could not install wget \\(a test\\): expected ${FRONTEND} to be free within 1\\.0 s, found it still held by process 4242 \\(unattended-upgr\\) after waiting 1\\.\\d s$`,
        ),
      ),
    });
  });

  it("a package no mirror has: E_INSTALL_FAILED, in apt-get's own words", async () => {
    const apt = new FakeApt();
    apt.unknown.add("no-such-package");
    const failure = installWithApt(["no-such-package"], "a test seam", () => {}, { run: apt.run });
    await expect(failure).rejects.toMatchObject({
      code: "E_INSTALL_FAILED",
      message:
        "this machine could not install no-such-package (a test seam): `apt-get install -y -q --no-install-recommends no-such-package` failed: E: Unable to locate package no-such-package",
    });
    // The queue goes on: a failed call does not stop the next one.
    await installWithApt(["wget"], "after a failure", () => {}, { run: apt.run });
    expect(apt.installed.has("wget")).toBe(true);
  });

  it("an install that fails after an update that could not reach the mirror says what update warned of", async () => {
    // This process's one update ran in an earlier test; a module of its own starts with none.
    vi.resetModules();
    const { installWithApt: fresh } = await import("./debian-packages.js");
    const apt = new FakeApt();
    apt.unknown.add("debootstrap");
    const run: typeof apt.run = async (argv, options) =>
      argv.includes("update")
        ? {
            argv,
            exitCode: 0,
            stdout: "",
            stderr: "",
            durationMs: 0,
            timedOut: false,
            lines: [{ text: "W: Failed to fetch http://127.0.0.1:9/debian/dists/bookworm/InRelease", atMs: 0 }],
          }
        : apt.run(argv, options);
    await expect(fresh(["debootstrap"], "a base", () => {}, { run })).rejects.toMatchObject({
      code: "E_INSTALL_FAILED",
      message: expect.stringMatching(
        /E: Unable to locate package debootstrap \(apt-get update said: W: Failed to fetch http:\/\/127\.0\.0\.1:9\/debian/,
      ),
    });
  });

  it("apt-get update gives up at once on the package lists' lock: tried again until it is free", async () => {
    const apt = new FakeApt();
    apt.listsBusy = 1;
    const log: string[] = [];
    await aptGet(["update", "-q"], { what: "refresh the package index", log: (line) => log.push(line), timeoutMs: 10_000, run: apt.run });
    expect(apt.calls.filter((call) => call.includes("update"))).toHaveLength(2);
    expect(log[0]).toBe("apt-get refresh the package index: waiting for /var/lib/apt/lists/lock, held by process 77 (apt-get)");
    expect(log[1]).toMatch(/^apt-get refresh the package index: waited [12]\.\d s for \/var\/lib\/apt\/lists\/lock/);
  });
});
