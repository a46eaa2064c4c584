/** Small readers for evidence records: reports are data, possibly from older versions, so nothing is assumed. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
export const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
export const stringOf = (value: unknown): string | null => (typeof value === "string" ? value : null);
export const numberOf = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
/** "harness" when a check ran from the harness itself (no `from`). */
export const fromWhere = (value: unknown): string => (typeof value === "string" && value !== "" ? value : "harness");
export const firstLine = (text: string): string => text.split("\n")[0] ?? "";
