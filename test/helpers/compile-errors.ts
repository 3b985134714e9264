// Type errors from the project's own incremental typechecker (scripts/lib/pipeline/typecheck.ts), for tests that
// compile copies: in this process, so a re-check after an edit re-checks only what the edit affects.
import type { Typechecker } from "../../scripts/lib/pipeline/typecheck.ts";

/** tsc's messages (`file(line,col): error TS…`) for the files as they are now, or "" when they compile. */
export function compileErrors(checker: Typechecker): string {
  try {
    checker.check();
    return "";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
