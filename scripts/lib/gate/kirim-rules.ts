// Our own breaking-change rules, for what a client relies on that neither redocly diff nor oasdiff judges. They read
// redocly diff's changes (each carries its values at the base and in the working copy), so they see exactly what
// redocly saw, through every $ref.
// - documented error codes (`x-kirim-error-codes` on an error response): a code removed breaks callers that branch on
//   error.code. redocly diff rates any x-* edit a patch.
// (What Optic's rule files covered beside this — servers, security, media types, removed request properties,
// narrowed request constraints — redocly diff's diff-recommended rules judge: server-removed, security-*,
// media-type-removed, property-removed, schema-constraint-changed.)
import type { RedoclyChange, RedoclyPlace } from "./redocly-diff.ts";

export interface KirimFinding {
  rule: string;
  message: string;
  /** redocly diff's pointer into the resolved document: names the operation. */
  path: string;
  place: RedoclyPlace;
}

const errorCodes = "x-kirim-error-codes";

const keysOf = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.keys(value) : [];

export function kirimRuleFindings(changes: RedoclyChange[]): KirimFinding[] {
  return changes.flatMap(removedErrorCodes);
}

/** One finding per documented error code the working copy no longer documents on that response. */
function removedErrorCodes(change: RedoclyChange): KirimFinding[] {
  const status = /\/responses\/([^/]+)(?:\/x-kirim-error-codes)?$/.exec(change.path)?.[1];
  if (!status || !change.base) return [];
  let removed: string[] = [];
  if (change.path.endsWith(`/${errorCodes}`)) {
    // One code: the change's property is the code; it is gone when the working copy has no value for it.
    if (change.kind === "removed") removed = keysOf(change.base.value);
    else if (change.property && change.revision?.value === undefined) removed = [change.property];
  } else if (change.property === errorCodes) {
    const kept = new Set(keysOf(change.revision?.value));
    removed = keysOf(change.base.value).filter((code) => !kept.has(code));
  }
  return removed.map((code) => ({
    rule: "documented-error-code-removed",
    message: `documented error code '${code}' of status ${status} was removed: callers branch on error.code`,
    path: change.path,
    place: change.base!,
  }));
}
