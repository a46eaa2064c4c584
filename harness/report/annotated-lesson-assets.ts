/**
 * The annotated lesson page's own style and script, inline so the page is one file that loads nothing. The page's
 * Content-Security-Policy allows exactly this script (by its hash) and no network at all, so even a lesson line that
 * slipped through unescaped could neither run nor fetch anything.
 */
import { createHash } from "node:crypto";

export const PAGE_STYLE = `
:root { color-scheme: light; --failed: #b00020; --defect: #8a5a00; --passed: #1b6e20; --unverified: #5b3a99; --muted: #5f6368; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 76rem; padding: 1rem 1.5rem 3rem; color: #202124; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; } h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
.verdicts { font-size: 1.05rem; } .muted, .file { color: var(--muted); }
ul.plain { list-style: none; padding-left: 0; margin: 0.25rem 0; }
.ledgers li { margin: 0.15rem 0; } .known-issues { color: var(--defect); font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0.5rem 0.75rem; border: 1px solid #dadce0; border-radius: 6px; margin: 0; }
.legend div { display: flex; gap: 0.4rem; } .legend dt, .legend dd { margin: 0; }
.tools { margin: 0.75rem 0; display: flex; gap: 0.75rem; align-items: center; }
ol.lines { list-style: none; padding: 0; margin: 0; font: 13px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; border: 1px solid #dadce0; border-radius: 6px; }
ol.lines > li { border-left: 4px solid transparent; } ol.lines > li.marked { border-left-color: #dadce0; }
.row { display: grid; grid-template-columns: 3.5rem var(--marks, 1.75rem) 1fr auto; gap: 0 0.5rem; padding: 0 0.5rem 0 0; }
summary.row { cursor: pointer; list-style: none; } summary.row::-webkit-details-marker { display: none; }
summary.row:hover, summary.row:focus-visible { background: #f1f3f4; outline: 2px solid #1a73e8; outline-offset: -2px; }
.num { text-align: right; color: var(--muted); user-select: none; padding-right: 0.5rem; }
.marks { display: flex; gap: 0.3rem; white-space: nowrap; }
.mark { font-weight: bold; border-radius: 3px; padding: 0 0.2em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.who { color: var(--muted); font-size: 0.85em; white-space: nowrap; padding-left: 0.5rem; }
.m-failed { color: var(--failed); background: #fce8e6; } .m-defect { color: var(--defect); background: #fef7e0; }
.m-passed { color: var(--passed); background: #e6f4ea; } .m-unverified, .m-review { color: var(--unverified); background: #f3e8fd; }
.m-partial, .m-demonstrated, .m-note { color: #174ea6; background: #e8f0fe; }
.m-not-reached, .m-uncovered, .m-waived { color: var(--muted); background: #f1f3f4; }
.details { font: 14px/1.45 system-ui, sans-serif; margin: 0.25rem 0.75rem 0.75rem 5.5rem; padding: 0.5rem 0.75rem; background: #fff; border: 1px solid #dadce0; border-radius: 6px; }
.details h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem; border-bottom: 1px solid #dadce0; } .details h4 { font-size: 0.95rem; margin: 0.4rem 0 0.2rem; }
.details code, .details pre { font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
.details pre { white-space: pre-wrap; background: #f8f9fa; padding: 0.4rem; margin: 0.25rem 0; max-height: 16rem; overflow: auto; }
.explanation { border-left: 3px solid #dadce0; padding-left: 0.5rem; font-style: italic; }
.label { font-style: normal; font-weight: 600; } .seen { margin: 0.25rem 0 0; }
body.only-marked li.unmarked { display: none; }
`;

/** Open or close every line's details, show only marked lines, and open the line a link points at. */
export const PAGE_SCRIPT = `
(() => {
  const all = () => document.querySelectorAll("ol.lines details");
  document.getElementById("open-all").addEventListener("click", () => all().forEach((d) => { d.open = true; }));
  document.getElementById("close-all").addEventListener("click", () => all().forEach((d) => { d.open = false; }));
  document.getElementById("only-marked").addEventListener("change", (event) => document.body.classList.toggle("only-marked", event.target.checked));
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) target.querySelector("details")?.setAttribute("open", "");
})();
`;

export const PAGE_POLICY = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${createHash("sha256").update(PAGE_SCRIPT).digest("base64")}'; base-uri 'none'; form-action 'none'`;
