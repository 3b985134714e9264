// Optic rules (loaded by optic.yml) for what a client depends on outside request and response bodies, where neither
// Optic's `breaking-changes` nor oasdiff 1.15 has a check:
// - servers: the default server URL changed, or a documented server disappeared (clients configured with it break);
// - security: an operation's accepted credentials narrowed (a requirement replaced, a scope or scheme added, auth
//   newly required) or a scheme it uses changed how credentials are sent (type, scheme, `in`, name);
// - a response media type that disappears;
// - documented error codes (`x-kirim-error-codes` on an error response): a code removed (clients branch on it).
// Servers and security schemes live outside the facts Optic diffs per operation, so the specification rule compares
// the two whole documents, which scripts/lib/gate/optic.ts passes as Optic's rule context (`context.custom.kirim`).
// Plain JS because Optic loads local rulesets with require() by a `.js` name.
import {
  localRuleset,
  mediaTypeRemovalRule,
  ResponseBodyRule,
  ResponseRule,
  RuleError,
  SpecificationRule,
} from "./optic-rules-base.js";

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const pointer = (...segments) =>
  segments.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

/** A server's URL with its variables at their defaults: what a client uses when it picks that server. */
function serverUrl(server) {
  return String(server?.url ?? "/").replace(
    /\{([^}]+)\}/g,
    (whole, name) => server?.variables?.[name]?.default ?? whole,
  );
}

function serverBreaks(base, head) {
  const problems = [];
  const before = (base.servers ?? []).map(serverUrl);
  const after = (head.servers ?? []).map(serverUrl);
  const defaultBefore = before[0] ?? "/";
  const defaultAfter = after[0] ?? "/";
  if (defaultBefore !== defaultAfter) {
    problems.push({
      message: `the default server URL changed from ${defaultBefore} to ${defaultAfter}: every client using the default base URL breaks`,
      at: pointer("servers", 0, "url"),
    });
  }
  for (const [index, url] of before.entries()) {
    if (index > 0 && !after.includes(url))
      problems.push({ message: `server ${url} was removed: clients configured with it break`, at: pointer("servers") });
  }
  return problems;
}

/** Whether a client that satisfies `old` (one requirement: scheme → scopes) also satisfies `next`. */
function satisfies(old, next) {
  return Object.entries(next).every(
    ([scheme, scopes]) => scheme in old && (scopes ?? []).every((scope) => (old[scheme] ?? []).includes(scope)),
  );
}

function effectiveSecurity(document, operation) {
  return operation.security ?? document.security ?? [];
}

const isOpen = (requirements) =>
  requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0);

const schemeShape = (scheme) =>
  scheme && {
    type: scheme.type,
    scheme: scheme.scheme?.toLowerCase(),
    in: scheme.in,
    name: scheme.in === "header" ? scheme.name?.toLowerCase() : scheme.name,
    openIdConnectUrl: scheme.openIdConnectUrl,
    flows:
      scheme.flows &&
      JSON.stringify(scheme.flows, (key, value) => (key === "description" || key === "scopes" ? undefined : value)),
  };

function securityBreaks(base, head) {
  const problems = [];
  const changedSchemes = new Set();
  for (const [name, scheme] of Object.entries(base.components?.securitySchemes ?? {})) {
    const next = head.components?.securitySchemes?.[name];
    if (next && JSON.stringify(schemeShape(scheme)) !== JSON.stringify(schemeShape(next))) changedSchemes.add(name);
  }
  for (const [path, item] of Object.entries(base.paths ?? {})) {
    for (const method of methods) {
      const before = item?.[method];
      const after = head.paths?.[path]?.[method];
      if (!before || !after) continue;
      const required = effectiveSecurity(head, after);
      if (isOpen(required)) continue;
      const where = after.security ? pointer("paths", path, method, "security") : pointer("security");
      const operation = `${method.toUpperCase()} ${path}`;
      const accepted = effectiveSecurity(base, before);
      if (isOpen(accepted)) {
        problems.push({ message: `${operation} now requires credentials it did not require`, at: where });
        continue;
      }
      const lost = accepted.filter((old) => !required.some((next) => satisfies(old, next)));
      for (const old of lost) {
        problems.push({
          message: `${operation} no longer accepts the credentials of requirement {${Object.keys(old).join(", ")}}`,
          at: where,
        });
      }
      for (const name of new Set(required.flatMap(Object.keys))) {
        if (changedSchemes.has(name))
          problems.push({
            message: `${operation}: security scheme '${name}' changed how credentials are sent`,
            at: pointer("components", "securitySchemes", name),
          });
      }
    }
  }
  return problems;
}

const unique = (problems) => [
  ...new Map(problems.map((problem) => [`${problem.message}|${problem.at}`, problem])).values(),
];

const preventServerAndSecurityBreaks = new SpecificationRule({
  name: "prevent server and security breaks",
  rule: (specification, context) => {
    specification.requirement(() => {
      const documents = context.custom?.kirim;
      if (!documents) return; // run outside scripts/lib/gate/optic.ts: no base document to compare with
      const problems = unique([
        ...serverBreaks(documents.base, documents.head),
        ...securityBreaks(documents.base, documents.head),
      ]);
      if (problems.length > 0) {
        throw new RuleError({
          message: problems
            .map((problem) => `${problem.message}. This is a breaking change. (at ${problem.at})`)
            .join("\n"),
        });
      }
    });
  },
});

const preventErrorCodeRemoval = new ResponseRule({
  name: "prevent documented error code removal",
  rule: (response) => {
    response.changed((before, after) => {
      const codes = Object.keys(before.raw?.["x-kirim-error-codes"] ?? {});
      const kept = after.raw?.["x-kirim-error-codes"] ?? {};
      const removed = codes.filter((code) => !(code in kept));
      if (removed.length > 0) {
        throw new RuleError({
          message: `cannot remove documented error code${removed.length === 1 ? "" : "s"} ${removed.map((code) => `'${code}'`).join(", ")} of status ${after.statusCode}: clients branch on error.code. This is a breaking change. (at ${after.location.jsonPath}/x-kirim-error-codes)`,
        });
      }
    });
  },
});

const preventResponseMediaTypeRemoval = new ResponseBodyRule({
  name: "prevent response media type removal",
  rule: mediaTypeRemovalRule(
    (body) =>
      `response media type '${body.contentType}' of status ${body.statusCode} was removed: clients parse the body they were promised`,
  ),
});

export const { name, description, configSchema, rulesetConstructor } = localRuleset(
  "kirim-api-compat",
  "Servers, credentials and documented error codes stay what clients rely on.",
  [preventServerAndSecurityBreaks, preventErrorCodeRemoval, preventResponseMediaTypeRemoval],
);
