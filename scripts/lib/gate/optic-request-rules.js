// Optic rules (loaded by optic.yml) for requests that narrow what the API accepts, where neither Optic's
// `breaking-changes` nor oasdiff 1.15 has a check. A request that was valid against the base must stay valid:
// - a request media type that disappears (application/json → application/merge-patch+json);
// - a request property that disappears (CustomerUpdate rejects unknown fields with 422);
// - a schema keyword that narrows accepted values: `format` added or changed, `minProperties` raised, `maxProperties`
//   or `maxItems` lowered (or added), `multipleOf` added or made coarser, `uniqueItems` added, `additionalProperties`
//   closed. oasdiff already judges maxLength/minLength/minimum/maximum/pattern/enum/required/type; not repeated here.
// Optic's diff engine finds the change; these rules only decide that it is breaking.
// Plain JS because Optic loads local rulesets with require() by a `.js` name.
import { localRuleset, mediaTypeRemovalRule, OperationRule, RequestRule, RuleError } from "./optic-rules-base.js";

const isInUnion = (jsonPath) => /\/(oneOf|anyOf)(\/|$)/.test(jsonPath);
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

/** What a schema keyword change narrows, as one sentence per narrowing; empty when nothing that was valid is rejected. */
function narrowings(before = {}, after = {}) {
  const found = [];
  if (after.format !== undefined && after.format !== before.format) {
    found.push(
      before.format === undefined
        ? `format \`${after.format}\` was added`
        : `format changed from \`${before.format}\` to \`${after.format}\``,
    );
  }
  const raised = (keyword) =>
    isNumber(after[keyword]) && after[keyword] > (isNumber(before[keyword]) ? before[keyword] : 0);
  const lowered = (keyword) =>
    isNumber(after[keyword]) && after[keyword] < (isNumber(before[keyword]) ? before[keyword] : Infinity);
  if (raised("minProperties")) found.push(`minProperties rose to ${after.minProperties}`);
  if (lowered("maxProperties")) found.push(`maxProperties fell to ${after.maxProperties}`);
  if (lowered("maxItems")) found.push(`maxItems fell to ${after.maxItems}`);
  if (isNumber(after.multipleOf) && !(isNumber(before.multipleOf) && before.multipleOf % after.multipleOf === 0)) {
    found.push(`multipleOf became ${after.multipleOf}`);
  }
  if (after.uniqueItems === true && before.uniqueItems !== true) found.push("uniqueItems was added");
  if (after.additionalProperties === false && before.additionalProperties !== false)
    found.push("additionalProperties became false");
  return found;
}

const breakingNarrowing = (what, narrowed) =>
  new RuleError({
    message: `${what}: ${narrowed.join(", ")}; requests that were valid are now rejected. This is a breaking change.`,
  });

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

const preventRequestMediaTypeRemoval = new RequestRule({
  name: "prevent request media type removal",
  rule: mediaTypeRemovalRule(
    (body) => `request media type '${body.contentType}' is no longer accepted: callers that send it are rejected`,
  ),
});

const preventRequestSchemaNarrowing = new RequestRule({
  name: "prevent request schema narrowing",
  rule: (request) => {
    request.schema.changed((before, after) => {
      const narrowed = narrowings(before.raw, after.raw);
      if (narrowed.length > 0) throw breakingNarrowing(`request schema ${describeSchema(after)}`, narrowed);
    });
  },
});

const preventParameterNarrowing = new OperationRule({
  name: "prevent request parameter narrowing",
  rule: (operation) => {
    for (const kind of ["pathParameter", "queryParameter", "headerParameter", "cookieParameter"]) {
      operation[kind].changed((before, after) => {
        const narrowed = narrowings(before.raw.schema, after.raw.schema);
        if (narrowed.length > 0) throw breakingNarrowing(`${after.raw.in} parameter '${after.raw.name}'`, narrowed);
      });
    }
  },
});

function describeSchema(schema) {
  const trail = schema.location.conceptualLocation?.jsonSchemaTrail ?? [];
  return trail.length > 0 ? `'${trail.join(".")}'` : "(the body)";
}

export const { name, description, configSchema, rulesetConstructor } = localRuleset(
  "kirim-request-compat",
  "Requests that were valid against the base stay valid.",
  [
    preventRequestMediaTypeRemoval,
    preventRequestPropertyRemoval,
    preventRequestSchemaNarrowing,
    preventParameterNarrowing,
  ],
);
