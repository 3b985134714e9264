// An Optic ruleset (loaded by optic.yml) adding the one breaking change Optic's `breaking-changes` does not flag:
// a request body property that disappears. Our request schemas set `additionalProperties: false`, so a caller
// that still sends the property gets a 422 instead of an update. Optic's diff engine finds the removal; this
// only decides that it is breaking. Plain JS because Optic loads local rulesets with require() by a `.js` name.
import { createRequire } from "node:module";

// rulesets-base is Optic's own dependency: resolve it from Optic, not from our top level.
const requireFromOptic = createRequire(createRequire(import.meta.url).resolve("@useoptic/optic/package.json"));
const { RequestRule, RuleError, Ruleset } = requireFromOptic("@useoptic/rulesets-base");

const isInUnion = (jsonPath) => /\/(oneOf|anyOf)(\/|$)/.test(jsonPath);

const preventRequestPropertyRemoval = new RequestRule({
  name: "prevent request property removal",
  rule: (request, context) => {
    request.property.removed((property) => {
      if (context.operation.change === "removed") return; // reported as a removed operation
      if (isInUnion(property.location.jsonPath)) return; // union transitions are Optic's own rules
      throw new RuleError({
        message: `cannot remove request property '${property.value.key}': callers that still send it are rejected (unknown fields are a 422). This is a breaking change.`,
      });
    });
  },
});

export const name = "kirim-request-compat";
export const description = "Request properties may not be removed.";
export const configSchema = { type: "object" };
export const rulesetConstructor = () => new Ruleset({ name, rules: [preventRequestPropertyRemoval] });
