// The reviewed policy on top of the two engines' own verdicts (redocly diff's rules are set in redocly-diff.yaml). Every entry says why; change it only with a test in
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
  // stays info), so scheme changes are judged by redocly diff's security-scheme-changed instead.
};

/** oasdiff levels 2 (warning: "potentially breaking") and 3 (error) both block (docs/breaking-changes.md lists the warnings). */
export const oasdiffBreakingLevel = 2;

/** What an exception is matched on: the finding, and for redocly diff the change's place and values. */
export interface Candidate {
  message: string;
  operation: string;
  /** redocly diff: pointer into the resolved document, the changed keyword, and its values before and after. */
  pointer?: string;
  property?: string;
  before?: unknown;
  after?: unknown;
}

export interface Exception {
  engine: "redocly" | "oasdiff";
  /** The rule it applies to; undefined for every rule of the engine. */
  rule?: string;
  /** True when this finding is the known false positive. */
  matches: (finding: Candidate) => boolean;
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
    matches: ({ message }) => {
      const change = /type\/format changed from '([^']*)'\/'[^']*' to '([^']*)'\/''$/.exec(message);
      return change !== null && change[1] === change[2];
    },
    why: "oasdiff reads a removed request `format` as a type change; removing a format widens what is accepted",
  },
  {
    // A webhook runs the other way: the API sends the request and the subscriber answers. oasdiff 1.15 judges a
    // webhook's request as one the API receives (a body becoming required "breaks", a payload field becoming
    // optional does not), which is backwards for the subscribers we promise it to. redocly diff judges webhooks in
    // their own direction, and its findings on them stand.
    engine: "oasdiff",
    matches: ({ operation }) => operation.includes(" (webhook) "),
    why: "oasdiff judges a webhook as a request the API receives; the API sends it (redocly diff judges webhooks in their direction)",
  },
  {
    // A default documents what the server does when the caller omits the parameter; a caller that sends it is
    // unaffected, and one that omits it gets what the server did before (the default names that behaviour).
    engine: "oasdiff",
    rule: "request-parameter-default-value-added",
    matches: () => true,
    why: "a default added to a parameter documents what omitting it does; no request that was valid is refused",
  },
  {
    // redocly diff rates every change of a schema constraint major, in either direction. One that only lets more
    // through where the API receives (a request, a webhook's answer), or only less where the API sends (a response,
    // a webhook's payload), breaks no one.
    engine: "redocly",
    rule: "schema-constraint-changed",
    matches: ({ pointer, property, before, after }) => {
      const flow = pointer === undefined ? undefined : flowOf(pointer);
      if (!flow || !property) return false;
      return flow === "to the API" ? widens(property, before, after) : widens(property, after, before);
    },
    why: "the constraint only widens what the receiving side accepts",
  },
];

/** Which way a value at `pointer` (into the resolved document) travels; undefined outside an operation's messages. */
export function flowOf(pointer: string): "to the API" | "from the API" | undefined {
  const segments = pointer.replace(/^#\//, "").split("/");
  const inRequest = segments.includes("requestBody") || segments.includes("parameters");
  const inResponse = segments.includes("responses");
  if (inRequest === inResponse) return undefined;
  const toApi = segments[0] === "webhooks" ? inResponse : inRequest;
  return toApi ? "to the API" : "from the API";
}

const upperBounds = new Set(["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum", "maxContains"]);
const lowerBounds = new Set(["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum", "minContains"]);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Whether a schema keyword going from `before` to `after` accepts every value it accepted (and more). */
export function widens(keyword: string, before: unknown, after: unknown): boolean {
  if (after === undefined) return before !== undefined; // a constraint dropped
  if (upperBounds.has(keyword)) return isNumber(before) && isNumber(after) && after > before;
  if (lowerBounds.has(keyword)) return isNumber(before) && isNumber(after) && after < before;
  if (keyword === "multipleOf") return isNumber(before) && isNumber(after) && before % after === 0;
  if (keyword === "uniqueItems") return before === true && after === false;
  if (keyword === "additionalProperties") return before === false && after === true;
  return false;
}

/**
 * One line of advice per kind of break, first match wins. Matched on the engine's message first, then on the rule:
 * one rule can name several kinds (redocly diff's "schema-constraint-changed", "enum-values-added"), while each message
 * names one.
 */
const fixes: Array<[RegExp, string]> = [
  [
    /enum-values?-added|gained values|enum value to .* response property/i,
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
    /became[- ]optional|no longer required|required response property .* optional|response property optional/i,
    "keep it required in responses (send null for “no value”), or ship it in a new major version",
  ],
  [
    /status-removed|status code removal|response status code|response with the status|^Response '\d+'/i,
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
