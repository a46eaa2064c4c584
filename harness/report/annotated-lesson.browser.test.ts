/**
 * The annotated lesson page in a real headless browser (Debian's chromium, installed with apt when missing), on a
 * recorded run of the seed suite on two engines: lines in order with numbers and one mark per engine, read from the
 * page; no ✓ the recorded report does not itself prove (test-support/verbatim-proofs.ts, computed apart from
 * annotateLesson); the ledger's headline and the known issues as lesson defects in the header; one click to a line's
 * evidence; hostile lesson text shown as text; no network.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { readLessonFile } from "../lesson/lesson-file.js";
import type { RunReport } from "../model/report-types.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { canInstallDebianPackages, installDebianPackages } from "../support/debian-packages.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { MARK_WORDS } from "./annotated-lesson.js";
import { PAGE_SCRIPT } from "./annotated-lesson-assets.js";
import { writeAnnotatedLesson } from "./annotated-lesson-file.js";
import { scenarioLabel } from "./labels.js";
import { ledgerHeadline, runLedgers } from "./run-ledger.js";
import { SYNTHETIC_LESSON, syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";
import { unprovedTicks, verbatimProofs } from "./test-support/verbatim-proofs.js";

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

/** `dockproof run scenarios --engines modern,legacy --json …`, recorded (registry host names redacted). */
const seed = JSON.parse(await readFile(join(repoRoot, "fixtures/reports/run-seed-two-engines.json"), "utf8")) as RunReport;
const lessonLines = readLessonFile(defaultLessonsDir(), LESSON).lines ?? [];

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
  // The seed suite recorded on both engines, with every scenario's plan.
  const { plans } = await loadPlans([join(repoRoot, "scenarios")], { lessonsDir: defaultLessonsDir() });
  await writeAnnotatedLesson({ report: seed, plans, lessons: new Map([[LESSON, lessonLines]]), file: join(dir, "seed.html") });
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
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
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

/** Every line as the page shows it: number, text, and each mark's visible text ("✓ modern") and text alternative. */
const rows = (page: Page) =>
  page.$$eval("ol.lines > li", (items) =>
    items.map((item) => ({
      line: Number(item.getAttribute("data-line")),
      number: item.querySelector(".num")?.textContent,
      text: item.querySelector(".text")?.textContent,
      // Typed by hand: the harness is compiled without the DOM's types.
      marks: (
        Array.from(item.querySelectorAll(".marks > .mark[role=img]")) as Array<{
          textContent: string | null;
          getAttribute(name: string): string | null;
        }>
      ).map((mark) => ({
        shown: mark.textContent,
        label: mark.getAttribute("aria-label"),
      })),
    })),
  );
const shownMarks = (row: { marks: Array<{ shown: string | null }> } | undefined) => row?.marks.map((mark) => mark.shown).join(" ") ?? null;

describe("the annotated lesson page in chromium", () => {
  it("shows the seed suite's lesson line by line, in order, numbered, with one mark per engine", async (ctx) => {
    const page = await open(ctx, join(dir, "seed.html"));
    const shown = await rows(page);
    expect(shown.map((row) => [row.line, row.number, row.text])).toEqual(lessonLines.map((text, index) => [index + 1, String(index + 1), text]));
    const marked = shown.filter((row) => row.marks.length > 0);
    expect(marked.length).toBeGreaterThan(40);
    for (const row of marked) {
      expect(row.marks.map((mark) => mark.shown?.split(" ")[1])).toEqual(["modern", "legacy"]);
      // The mark is not colour only: each engine's has a text alternative naming the engine.
      expect(row.marks.map((mark) => mark.label?.split(":")[0])).toEqual(["modern", "legacy"]);
    }
    const at = (line: number) => shownMarks(shown[line - 1]);
    expect([115, 26, 30, 31, 34, 41, 48, 127, 143, 112].map((line) => [line, at(line)])).toEqual([
      [115, "⚠ modern ⚠ legacy"],
      [26, "✓ modern ◐ legacy"],
      [30, "✓ modern ⚠ legacy"],
      [31, "✓ modern ○ legacy"],
      [34, "? modern ○ legacy"],
      [41, "⚠ modern ⚠ legacy"],
      [48, "~ modern ~ legacy"],
      [127, "✓ modern ✓ legacy"],
      [143, "✓ modern ✓ legacy"],
      [112, ""],
    ]);
    await page.close();
  });

  it("puts ✓ on an engine only where the recorded report itself proves the line there", async (ctx) => {
    const page = await open(ctx, join(dir, "seed.html"));
    const shown = await rows(page);
    const proofs = verbatimProofs(seed, LESSON);
    expect([...proofs.keys()]).toEqual(["modern", "legacy"]);
    const ticks = shown.flatMap((row) => row.marks.filter((mark) => mark.shown?.startsWith("✓")));
    expect(ticks.length).toBeGreaterThan(40);
    expect(unprovedTicks(shown, proofs)).toEqual([]);
    // Must-fail twin: the same reading of a page whose demonstrated line 48 were ticked on legacy.
    const forged = shown.map((row) => (row.line === 48 ? { ...row, marks: [row.marks[0], { shown: "✓ legacy", label: null }] } : row));
    expect(unprovedTicks(forged as typeof shown, proofs)).toEqual(["48 legacy"]);
    await page.close();
  });

  it("heads the page with the ledger's claim counts and counts the known issues as lesson defects", async (ctx) => {
    const page = await open(ctx, join(dir, "seed.html"));
    const header = (await page.locator("header").textContent()) ?? "";
    const texts = new Map([[LESSON, lessonLines]]);
    const byEngine = ["modern", "legacy"].map((engine) => seed.scenarios.filter((scenario) => scenario.engine?.name === engine));
    for (const scenarios of [seed.scenarios, ...byEngine]) {
      const [ledger] = runLedgers(scenarios, texts);
      expect(ledger).toBeDefined();
      if (ledger) expect(header).toContain(ledgerHeadline(ledger));
    }
    expect(header).toMatch(/21 claims — \d+ proved, 3 lesson defects/);
    const knownIssues = seed.scenarios.filter((scenario) => scenario.status === "known-issue");
    expect(header).toContain(`${knownIssues.length} known issues (lesson defects)`);
    const issues = (await page.locator("header .known-issues").textContent()) ?? "";
    expect(issues).toMatch(/^2 known issues reproduced, each a lesson defect \(never a claim that holds\): /);
    for (const scenario of knownIssues) {
      const line = scenario.findings.find((finding) => finding.kind === "known-issue")?.lessonLine;
      expect(issues).toContain(`line ${line} (${scenarioLabel(scenario)} on `);
    }
    expect(header).not.toMatch(/scenarios hold/);
    await page.close();
  });

  it("opens a line's evidence per engine with one click, and not before: the HTTP body, the documents counted", async (ctx) => {
    const page = await open(ctx, join(dir, "seed.html"));
    const line = page.locator("#lesson1-L146");
    const body = line.locator("pre.observed").first();
    await expect(body.isVisible()).resolves.toBe(false);
    await line.locator("summary").click();
    await expect(line.locator("details").getAttribute("open")).resolves.toBe("");
    await expect(body.isVisible()).resolves.toBe(true);
    const details = (await line.locator(".details").textContent()) ?? "";
    expect(details).toMatch(
      /On modern[\s\S]*N2 — ✓ passed[\s\S]*Observed, HTTP 200 body:\{"wrote":"[0-9a-f-]+","read":"[0-9a-f-]+","match":true\}[\s\S]*On legacy/,
    );
    await page.locator("#lesson1-L107 summary").click();
    await expect(page.locator("#lesson1-L107 .details").textContent()).resolves.toContain(
      'Observed, documents counted:[{"title":"layers","lesson":1},{"title":"volumes","lesson":2},{"title":"networks","lesson":3}]',
    );
    // A demonstration names the command that ran instead of the lesson's.
    await page.locator("#lesson1-L48 summary").click();
    await expect(page.locator("#lesson1-L48 .details").textContent()).resolves.toMatch(
      /Demonstrated by another command: docker build -f Dockerfile\.naive/,
    );
    // Where the engines part: the classic builder stopped at line 30, BuildKit went on.
    await page.locator("#lesson1-L30 summary").click();
    await expect(page.locator("#lesson1-L30 .details").textContent()).resolves.toMatch(
      /On legacy[\s\S]*COPY package\* \.: failed[\s\S]*rejected by the classic builder/,
    );
    // Keep a picture of the whole page, with the lines a reader would look at first open.
    for (const id of ["L115", "L127"]) await page.locator(`#lesson1-${id} summary`).click();
    await mkdir(join(repoRoot, "reports"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });

  it("marks a failure, a demonstration, a waived, an uncovered and a never-reached line of a run on one engine", async (ctx) => {
    const page = await open(ctx, join(dir, "synthetic.html"));
    const shown = await rows(page);
    // One engine: one mark per line, no engine named.
    expect(shown.map((row) => [row.line, shownMarks(row)])).toEqual([
      [1, ""],
      [2, ""],
      [3, "✓"],
      [4, "✗"],
      [5, "~"],
      [6, "–"],
      [7, "○"],
      [8, ""],
      [9, ""],
      [10, "✓"],
      [11, "✓"],
      [12, "✓"],
      [13, "✓"],
      [14, "○"],
    ]);
    expect(shown[4]?.marks[0]?.label).toBe(MARK_WORDS.demonstrated);
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
