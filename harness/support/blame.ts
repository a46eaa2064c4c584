/**
 * Who a failure with a code is on (README, "Who is to blame"), declared beside each code in error-codes.ts:
 * - lesson: what the lesson's commands did, seen on a healthy sandbox (a Docker error about the lesson's own
 *   containers, ports, volumes or images is an observation): the scenario fails.
 * - limitation: this machine cannot check the claim (a download out of reach, a stand-in's gap): skipped or
 *   unverified, never passed, failed or an error.
 * - input: the user's input (command line, scenario, results file): exit 2 before anything runs.
 * - machine: this machine (sandbox or daemon gone, outer engine gone, disk full, images or installs failing): error.
 * - harness: dockproof's own bug: error, with the stack.
 */
export type Blame = "lesson" | "limitation" | "input" | "machine" | "harness";

type Entries = Record<string, readonly [code: string, blame: Blame]>;
type CodesOf<T extends Entries> = { readonly [K in keyof T]: T[K][0] };

const blames = new Map<string, Blame>();
/** Every code declared so far with its blame; read through error-codes.ts's blameOf, which loads every table first. */
export const declaredBlames: ReadonlyMap<string, Blame> = blames;

/** One concern's table: `{ hang: ["E_HANG", "lesson"] }` -> `{ hang: "E_HANG" }`, the blame kept for blameOf. */
export function codes<const T extends Entries>(entries: T): CodesOf<T> {
  const table: Record<string, string> = {};
  for (const [key, [code, blame]] of Object.entries(entries)) {
    if (blames.has(code)) throw new TypeError(`error code ${code} is declared twice (harness/support/error-codes.ts)`);
    blames.set(code, blame);
    table[key] = code;
  }
  return table as CodesOf<T>;
}
