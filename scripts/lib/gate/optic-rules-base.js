// What our two Optic rulesets (optic-request-rules.js, optic-diff-api-rules.js) share: Optic's rulesets-base, the shape
// Optic loads a local ruleset in, and the rule that a media type which disappears is a break (requests and responses).
// Plain JS because Optic loads local rulesets with require() by a `.js` name, and they import this.
import { createRequire } from "node:module";

// rulesets-base is Optic's own dependency: resolve it from Optic, not from our top level.
const requireFromOptic = createRequire(createRequire(import.meta.url).resolve("@useoptic/optic/package.json"));
const rulesetsBase = requireFromOptic("@useoptic/rulesets-base");
export const { OperationRule, RequestRule, ResponseBodyRule, ResponseRule, RuleError, SpecificationRule } =
  rulesetsBase;

/**
 * The body of a RequestRule or ResponseBodyRule: each media type the base documents and the working copy does not is a
 * break, worded by `describe(body)` (Optic's body: contentType, and statusCode for a response), unless the whole
 * operation went (that is reported as a removed operation).
 */
export const mediaTypeRemovalRule = (describe) => (subject, context) => {
  subject.body.removed((body) => {
    if (context.operation.change === "removed") return;
    throw new RuleError({ message: `${describe(body)}. This is a breaking change.` });
  });
};

/**
 * A local ruleset's exports as Optic reads them: it validates the configuration against `configSchema` (ours take
 * none) and calls `rulesetConstructor`.
 */
export function localRuleset(name, description, rules) {
  return {
    name,
    description,
    configSchema: { type: "object" },
    rulesetConstructor: () => new rulesetsBase.Ruleset({ name, rules }),
  };
}
