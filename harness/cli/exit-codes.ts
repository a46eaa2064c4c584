/** The CLI's exit codes (README: Exit codes). */
export const EXIT = { passed: 0, failed: 1, invalid: 2, error: 3 } as const;
