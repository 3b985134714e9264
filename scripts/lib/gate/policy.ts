// The reviewed policy on top of the two engines' own verdicts. Every entry says why; change it only with a test in
// test/gate/ that shows the case.

/**
 * oasdiff checks whose default level (info) we raise to error. Raising is configuration of the engine
 * (`--severity-levels`); we never lower one — a false positive goes to `exceptions` below, case by case.
 */
export const oasdiffPromotions: Record<string, string> = {
  // Decided (docs/breaking-changes.md, "Decided cases"): removing an error status is breaking. Clients branch on it
  // (402 → show an upgrade prompt); the spec cannot tell "no longer happens" from "now answered with another status".
  "response-non-success-status-removed": "clients branch on documented error statuses",
  // Not here: api-security-component-type-changed. oasdiff 1.15 ignores --severity-levels for component checks (it
  // stays info), so scheme changes are judged by our Optic rule in scripts/lib/gate/optic-diff-api-rules.js instead.
};

/** oasdiff levels 2 (warning: "potentially breaking") and 3 (error) both block (docs/breaking-changes.md lists the warnings). */
export const oasdiffBreakingLevel = 2;

export interface Exception {
  engine: "oasdiff" | "optic";
  rule: string;
  /** True when this finding is the known false positive (matched on the engine's own message). */
  matches: (message: string) => boolean;
  why: string;
}

/** Known false positives of an engine, each reviewed. A finding that matches is reported as "excepted", not hidden. */
export const exceptions: Exception[] = [
  {
    // oasdiff folds `format` into the type, so dropping a format from a request field ("string"/"email" →
    // "string"/"") reads as a type change. Dropping a format accepts more values: not breaking. Only when the
    // types stay the same and the format is gone; a real type change or a new format still blocks.
    engine: "oasdiff",
    rule: "request-property-type-changed",
    matches: (message) => {
      const change = /type\/format changed from '([^']*)'\/'[^']*' to '([^']*)'\/''$/.exec(message);
      return change !== null && change[1] === change[2];
    },
    why: "oasdiff reads a removed request `format` as a type change; removing a format widens what is accepted",
  },
];

/**
 * One line of advice per kind of break, first match wins. Matched on the engine's message first, then on the rule:
 * one rule can name several kinds (Optic's "request and response property enums", our "prevent server and security
 * breaks"), while each message names one.
 */
const fixes: Array<[RegExp, string]> = [
  [
    /enum-value-added|enum value to .* response property|cannot add enum option/i,
    "keep the value set closed in responses, or make the field a plain string with documented examples (clients must then accept unknown values)",
  ],
  [/error code/i, "keep the code documented (mark it as no longer sent in its meaning) until the next major version"],
  [
    /security|credentials/i,
    "accept the old credentials too (add the new requirement as an alternative), or ship it in a new major version",
  ],
  [
    /server/i,
    "keep the old default server first in `servers` (add the new one after it), or ship it in a new major version",
  ],
  [
    /became[- ]optional|required response property .* optional|response property optional/i,
    "keep it required in responses (send null for “no value”), or ship it in a new major version",
  ],
  [
    /status-removed|status code removal|response status code|response with the status/i,
    "keep documenting the status (clients branch on it), or remove it in a new major version",
  ],
  [/media type|media-type/i, "keep accepting and returning the old media type beside the new one"],
  [
    /operation removal|path-removed|api-removed|api path removed|remove an operation/i,
    "restore the operation with `deprecated: true`, and remove it in the next major version",
  ],
  [
    /removed|removal|remove/i,
    "restore it (deprecate it first: `deprecated: true`), and remove it in the next major version",
  ],
  [/required/i, "keep it optional (a server-side default works), or add a new optional field instead"],
  [/type|nullable|not to be (narrowed|expanded)/i, "keep the old type; add a new field with the new type instead"],
  [
    /max|min|pattern|format|length|items|multiple|unique|additional|enum|const|narrowing/i,
    "keep the old limit for requests (validate the stricter rule server-side only for new fields), or ship it in a new major version",
  ],
];

export function fixFor(rule: string, message: string): string {
  for (const text of [message, rule]) for (const [pattern, fix] of fixes) if (pattern.test(text)) return fix;
  return "make the change additive (new optional request field, new response field, new operation), or ship it in a new major version";
}
