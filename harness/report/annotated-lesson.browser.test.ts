/**
 * The annotated lesson page in a real headless browser (Debian's chromium, installed with apt when missing): lines
 * in order with numbers and marks, one click to a line's evidence, hostile lesson text shown as text, no network.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { readLessonFile } from "../lesson/lesson-file.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { canInstallDebianPackages, installDebianPackages } from "../support/debian-packages.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { PAGE_SCRIPT } from "./annotated-lesson-assets.js";
import { writeAnnotatedLesson } from "./annotated-lesson-file.js";
import type { RunReport } from "../model/report-types.js";
import { SYNTHETIC_LESSON, syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";

const CHROMIUM = "/usr/bin/chromium";
const LESSON = "docker-layers-volumes-networks.txt";
const SCREENSHOT = join(repoRoot, "reports/annotated-lesson.png");

/** Chromium's path, installed the distribution's way when missing; or why it cannot be had here. */
async function ensureChromium(): Promise<{ path: string } | { skip: string }> {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  const allowed = canInstallDebianPackages();
  if (!allowed.ok) return { skip: `no ${CHROMIUM}, and it cannot be installed here: ${allowed.reason}` };
  await installDebianPackages(["chromium"], "the annotated lesson's browser test", (line) => process.stderr.write(`${line}\n`));
  return { path: CHROMIUM };
}

const recorded = async (name: string) => JSON.parse(await readFile(join(repoRoot, "fixtures/reports", name), "utf8")) as RunReport;

let browser: Browser | undefined;
let skipReason: string | null = null;
let dir = "";
const requests: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  const found = await ensureChromium();
  if ("skip" in found) {
    skipReason = found.skip;
    return;
  }
  browser = await chromium.launch({
    executablePath: found.path,
    // As root chromium needs --no-sandbox (playwright adds it: chromiumSandbox is off by default).
    args: ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    timeout: 60_000,
  });
  dir = await mkdtemp(join(tmpdir(), "dockproof-annotated-"));
  // A real run: N1 and N3 (recorded together) and L5 (the lesson's Dockerfile, a known issue), with their plans.
  const [networks, l5] = await Promise.all([recorded("run-n1-n3.json"), recorded("run-l5.json")]);
  const images = [...networks.images, ...l5.images.filter((image) => !networks.images.some((other) => other.ref === image.ref))];
  const report: RunReport = {
    ...networks,
    durationMs: networks.durationMs + l5.durationMs,
    images,
    scenarios: [...networks.scenarios, ...l5.scenarios],
  };
  const { plans } = await loadPlans(
    ["networks/n1-default-bridge.yaml", "networks/n3-network-types.yaml", "layers/l5-lesson-dockerfile.yaml"].map((file) =>
      join(repoRoot, "scenarios", file),
    ),
    { lessonsDir: defaultLessonsDir() },
  );
  const lines = readLessonFile(defaultLessonsDir(), LESSON).lines ?? [];
  await writeAnnotatedLesson({ report, plans, lessons: new Map([[LESSON, lines]]), file: join(dir, "real.html") });
  await writeAnnotatedLesson({
    report: syntheticReport,
    plans: syntheticPlans,
    lessons: new Map([[SYNTHETIC_LESSON, syntheticLines]]),
    file: join(dir, "synthetic.html"),
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A fresh page on a file, recording every request other than the file itself and every dialog. */
async function open(ctx: TestContext, file: string): Promise<Page> {
  if (!browser) ctx.skip(skipReason ?? "no browser");
  const page = await (browser as Browser).newPage();
  const url = pathToFileURL(file).href;
  page.on("request", (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  return page;
}

const rows = (page: Page) =>
  page.$$eval("ol.lines > li", (items) =>
    items.map((item) => ({
      line: Number(item.getAttribute("data-line")),
      number: item.querySelector(".num")?.textContent,
      text: item.querySelector(".text")?.textContent,
      mark: item.getAttribute("data-mark"),
      symbol: item.querySelector(".mark")?.textContent,
      label: item.querySelector(".mark")?.getAttribute("aria-label") ?? null,
    })),
  );

describe("the annotated lesson page in chromium", () => {
  it("shows the real run's lesson line by line, in order, numbered, with the marks the run earned", async (ctx) => {
    const page = await open(ctx, join(dir, "real.html"));
    const lines = readLessonFile(defaultLessonsDir(), LESSON).lines ?? [];
    const shown = await rows(page);
    expect(shown.map((row) => [row.line, row.number, row.text])).toEqual(lines.map((text, index) => [index + 1, String(index + 1), text]));
    const at = (line: number) => shown[line - 1];
    expect([115, 116, 152, 154, 26, 30, 31, 41, 127, 71, 112].map((line) => [line, at(line)?.mark ?? null, at(line)?.symbol])).toEqual([
      [115, "finding", "⚠"],
      [116, "passed", "✓"],
      [152, "passed", "✓"],
      [154, "passed", "✓"],
      [26, "passed", "✓"],
      [30, "finding", "⚠"],
      [31, "not-reached", "○"],
      [41, "not-reached", "○"],
      [127, "finding", "⚠"],
      [71, "uncovered", "○"],
      [112, null, ""],
    ]);
    // The mark is not colour only: it has a text alternative.
    expect(at(115)?.label).toBe("a finding is about this line");
    expect(at(71)?.label).toBe("uncovered: a command no scenario runs, cites or waives");
    await expect(page.locator("header").textContent()).resolves.toMatch(/3 of 3 lesson scenarios hold: 2 passed, 0 failed, 1 known issue/);
    await expect(page.locator("header").textContent()).resolves.toMatch(/docker:dind — substitute for docker:dind, built locally/);
    await page.close();
  });

  it("opens a line's evidence with one click on the line, and not before", async (ctx) => {
    const page = await open(ctx, join(dir, "real.html"));
    const line = page.locator("#lesson1-L115");
    const words = line.getByText("beta does not resolve from alpha");
    await expect(words.isVisible()).resolves.toBe(false);
    await line.locator("summary").click();
    await expect(line.locator("details").getAttribute("open")).resolves.toBe("");
    await expect(words.isVisible()).resolves.toBe(true);
    const details = await line.locator(".details").textContent();
    expect(details).toMatch(/N1 — ✓ passed/);
    expect(details).toMatch(/Observed: tcp:\/\/172\.18\.0\.3:80 is reachable/);
    expect(details).toMatch(/The scenario's words, not observed: "Docker containers can't talk/);
    // The Dockerfile line the build stopped at: the builder's word and its error.
    await page.locator("#lesson1-L30 summary").click();
    await expect(page.locator("#lesson1-L30 .details").textContent()).resolves.toMatch(
      /COPY package\* \.: failed[\s\S]*rejected by the classic builder/,
    );
    // Open the lines a reader would look at first, then keep a picture of the whole page.
    for (const id of ["L127", "L31"]) await page.locator(`#lesson1-${id} summary`).click();
    await mkdir(join(repoRoot, "reports"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it("marks a failure, a finding, a waived, an uncovered and a never-reached line of the synthetic run", async (ctx) => {
    const page = await open(ctx, join(dir, "synthetic.html"));
    const shown = await rows(page);
    expect(shown.map((row) => [row.line, row.mark, row.symbol])).toEqual([
      [1, null, ""],
      [2, null, ""],
      [3, "passed", "✓"],
      [4, "failed", "✗"],
      [5, "finding", "⚠"],
      [6, "waived", "~"],
      [7, "uncovered", "○"],
      [8, null, ""],
      [9, null, ""],
      [10, "passed", "✓"],
      [11, "passed", "✓"],
      [12, "passed", "✓"],
      [13, "passed", "✓"],
      [14, "not-reached", "○"],
    ]);
    await page.locator("#lesson1-L4 summary").click();
    const failed = await page.locator("#lesson1-L4 .details").textContent();
    expect(failed).toMatch(/S1 — ✗ failed[\s\S]*E_EXPECTATION: expected exit code 0, found 125\ndocker: port is already allocated/);
    expect(failed).toMatch(/S2 — ✓ passed/);
    // The page's one control that hides: only marked lines.
    await expect(page.locator("#lesson1-L1").isVisible()).resolves.toBe(true);
    await page.locator("#only-marked").check();
    await expect(page.locator("#lesson1-L1").isVisible()).resolves.toBe(false);
    await expect(page.locator("#lesson1-L4").isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("shows hostile lesson text as text: no dialog, no element of its own, only the page's one script", async (ctx) => {
    const page = await open(ctx, join(dir, "synthetic.html"));
    await page.locator("#open-all").click();
    expect(await page.locator("#lesson1-L5 .text").textContent()).toBe("<script>alert(1)</script>");
    expect(await page.locator("#lesson1-L8 .text").textContent()).toBe('Tags: </details><b>bold</b> & "quotes"');
    expect(await page.locator("main b, main img").count()).toBe(0);
    // Evaluated as text: the harness is compiled without the DOM's types.
    const scripts = await page.evaluate<string[]>("[...document.querySelectorAll('script')].map((script) => script.textContent)");
    expect(scripts).toEqual([PAGE_SCRIPT]);
    expect(await page.locator("details[open]").count()).toBe(await page.locator("details").count());
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("would see an unescaped line: the same assertions fail on a copy with the lesson text raw", async (ctx) => {
    // Must-fail twin: the page's own text, the escaping undone and the policy removed, shows what the checks catch.
    const html = (await readFile(join(dir, "synthetic.html"), "utf8"))
      .replace("&#x3C;script>alert(1)&#x3C;/script>", "<script>alert(1)</script>")
      .replace(/<meta http-equiv="content-security-policy"[^>]*>/i, "")
      .replace("</body>", '<img src="http://127.0.0.1:9/beacon.png"></body>');
    await writeFile(join(dir, "broken.html"), html);
    const before = { dialogs: dialogs.length, requests: requests.length };
    const page = await open(ctx, join(dir, "broken.html"));
    expect(await page.evaluate<number>("document.querySelectorAll('script').length")).toBe(2);
    expect(dialogs.slice(before.dialogs)).toEqual(["1"]);
    expect(requests.slice(before.requests)).toEqual(["http://127.0.0.1:9/beacon.png"]);
    dialogs.splice(before.dialogs);
    requests.splice(before.requests);
    await page.close();
  });

  it("made no network request from any page", (ctx) => {
    if (!browser) ctx.skip(skipReason ?? "no browser");
    expect(requests).toEqual([]);
  });
});
