/** One row of `docker history`, oldest first. `id` is null where docker prints `<missing>`. */
export interface HistoryRow {
  id: string | null;
  createdBy: string;
  comment: string;
  sizeBytes: number;
}

export interface ImageLayer {
  /** The layer's diff id (RootFS.Layers entry), what `docker pull` and sharing compare. */
  digest: string;
  sizeBytes: number;
  /** Readable instruction (`RUN npm install`); null for an imported filesystem. */
  instruction: string | null;
  createdBy: string;
  historyId: string | null;
  /** exact: determined by layer counts; inferred: history alone was ambiguous and we chose. */
  attribution: "exact" | "inferred";
}

type Mark = "yes" | "no" | "maybe";
const LAYER_KEYWORDS = new Set(["RUN", "COPY", "ADD", "WORKDIR"]);

/** `/bin/sh -c #(nop)  ENV A=1` → ENV A=1; `/bin/sh -c npm i` → RUN npm i; `COPY . . # buildkit` → COPY . . */
export function historyInstruction(createdBy: string): string | null {
  const text = createdBy.replace(/\s+# buildkit$/, "").trim();
  if (text === "") return null;
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(text);
  if (nop) return (nop[1] ?? "").trim();
  const run = /^(?:\|\d+ .*?)?\/bin\/sh -c (.*)$/s.exec(text);
  if (run) return `RUN ${run[1] ?? ""}`.trim();
  return text.replace(/^RUN \/bin\/sh -c /, "RUN ");
}

/**
 * Whether a history row committed a layer. docker history does not say (the image config's
 * `empty_layer` is not in the API), so: BuildKit commits a layer for every RUN/COPY/ADD and for
 * WORKDIR other than `/`; the classic builder drops empty diffs, so its zero-size RUN/COPY/ADD/
 * WORKDIR rows are "maybe", settled below by layer counts.
 */
function mark(row: HistoryRow): Mark {
  const instruction = historyInstruction(row.createdBy);
  if (instruction === null) return row.sizeBytes > 0 ? "yes" : "maybe";
  const [keyword = "", ...rest] = instruction.split(/\s+/);
  const buildkit = row.comment.startsWith("buildkit") || /# buildkit$/.test(row.createdBy);
  if (!LAYER_KEYWORDS.has(keyword.toUpperCase())) return "no";
  if (buildkit) return keyword === "WORKDIR" && rest.join(" ") === "/" ? "no" : "yes";
  return row.sizeBytes > 0 ? "yes" : "maybe";
}

/**
 * Pairs RootFS.Layers (bottom first) with the history rows that made them. `layerCounts` maps
 * the ids of rows whose image still exists to that image's layer count: each such row pins how
 * many layers lie at or below it, so only runs of `<missing>` rows between two pins can be
 * ambiguous (then WORKDIR is preferred, an empty classic RUN being rarer than a new directory).
 */
export function attributeLayers(digests: readonly string[], rows: readonly HistoryRow[], layerCounts: ReadonlyMap<string, number>): ImageLayer[] {
  const layers: ImageLayer[] = digests.map((digest) => ({
    digest,
    sizeBytes: 0,
    instruction: null,
    createdBy: "",
    historyId: null,
    attribution: "inferred",
  }));
  let pinned = 0;
  let segment: HistoryRow[] = [];
  rows.forEach((row, index) => {
    segment.push(row);
    const count = row.id ? layerCounts.get(row.id) : index === rows.length - 1 ? digests.length : undefined;
    if (count === undefined) return;
    const { chosen, exact } = choose(segment, count - pinned);
    chosen.forEach((chosenRow, k) => {
      const layer = layers[pinned + k];
      if (!layer) return;
      Object.assign(layer, {
        sizeBytes: chosenRow.sizeBytes,
        instruction: historyInstruction(chosenRow.createdBy),
        createdBy: chosenRow.createdBy,
        historyId: chosenRow.id,
        attribution: exact ? "exact" : "inferred",
      });
    });
    pinned = count;
    segment = [];
  });
  return layers;
}

function choose(segment: readonly HistoryRow[], needed: number): { chosen: HistoryRow[]; exact: boolean } {
  const marks = segment.map(mark);
  const yes = segment.filter((_, i) => marks[i] === "yes");
  const maybe = segment.filter((_, i) => marks[i] === "maybe");
  if (segment.length === 1) return { chosen: needed >= 1 ? [...segment] : [], exact: needed <= 1 };
  if (yes.length === needed) return { chosen: yes, exact: true };
  if (yes.length + maybe.length === needed) return { chosen: segment.filter((_, i) => marks[i] !== "no"), exact: true };
  const preferred = [...maybe].sort((a, b) => Number(isWorkdir(b)) - Number(isWorkdir(a))).slice(0, Math.max(0, needed - yes.length));
  const candidates = [...yes, ...preferred];
  const picked = new Set(needed > 0 ? candidates.slice(Math.max(0, candidates.length - needed)) : []);
  return { chosen: segment.filter((row) => picked.has(row)), exact: false };
}

const isWorkdir = (row: HistoryRow) => historyInstruction(row.createdBy)?.startsWith("WORKDIR") ?? false;
