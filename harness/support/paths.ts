import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

/** The dockproof checkout: state (.dockproof/), build contexts and default paths hang off it. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Lessons live beside the checkout (shared with the course), unless told otherwise. */
export const defaultLessonsDir = (): string => resolve(process.env.DOCKPROOF_LESSONS ?? resolve(repoRoot, "../shared/lessons"));

export const defaultScenariosDir = resolve(repoRoot, "scenarios");
