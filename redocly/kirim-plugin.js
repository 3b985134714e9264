// House lint rules that configurable rules cannot express.
import { analyseDocument } from "../scripts/lib/codegen/operation-shape.ts";

/** No two responses of one operation may show the same error example (the public page copy-pasted one six times). */
function ErrorExamplesDistinct() {
  return {
    Operation: {
      enter(operation, ctx) {
        const seen = new Map();
        for (const [status, responseOrRef] of Object.entries(operation.responses ?? {})) {
          if (!/^[45]/.test(status)) continue;
          const { node: response } = ctx.resolve(responseOrRef);
          for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
            for (const value of exampleValues(media, ctx)) {
              const code = value?.error?.code;
              if (typeof code !== "string") continue;
              const earlier = seen.get(code);
              if (earlier && earlier !== status) {
                ctx.report({
                  message: `Responses ${earlier} and ${status} both show an error example with code "${code}"; give each status its own example.`,
                  location: ctx.location.child(["responses", status, "content", mediaType]),
                });
              }
              seen.set(code, earlier ?? status);
            }
          }
        }
      },
    },
  };
}

/** Response keys must be explicit status codes: no `default`, no ranges such as `4XX`. */
function StatusCodesExplicit() {
  return {
    Responses: {
      enter(responses, ctx) {
        for (const key of Object.keys(responses)) {
          if (!/^[1-5]\d\d$/.test(key)) {
            ctx.report({
              message: `Response "${key}" must be an explicit status code such as 404.`,
              location: ctx.location.child([key]).key(),
            });
          }
        }
      },
    },
  };
}

/**
 * The client's view of the spec (scripts/lib/codegen/operation-shape.ts, the analysis the generator runs on the bundle):
 * lint reports here, at the file and line, every operation `npm run generate` would refuse, and `generate` refuses
 * nothing lint passed. `rule` picks the problems of one of the three rules below.
 */
function clientShapeRule(rule) {
  return () => ({
    Root: {
      leave(root, ctx) {
        for (const problem of analyseDocument(root, ctx.location, redoclyWalker(ctx)).problems) {
          if (problem.rule === rule) ctx.report({ message: problem.message, location: problem.at });
        }
      },
    },
  });
}

/** Walks the unbundled files: a `$ref` is resolved from the file it is written in, problems land where they are. */
function redoclyWalker(ctx) {
  return {
    resolve(node, at) {
      let current = { node, at };
      for (let hops = 0; hops < 20 && current.node && typeof current.node.$ref === "string"; hops++) {
        const resolved = ctx.resolve(current.node, current.at.source.absoluteRef);
        if (!resolved.location) return { node: undefined, at: current.at };
        current = { node: resolved.node, at: resolved.location };
      }
      return current;
    },
    child: (at, keys) => at.child(keys),
  };
}

/**
 * Every 4xx/5xx response documents the `error.code` values it can carry in `x-kirim-error-codes`
 * (code → one-line meaning), and every example of it uses one of them: clients branch on `code`,
 * so a code shown only in an example is a promise nobody wrote down.
 */
function ErrorCodesDocumented() {
  return {
    Operation: {
      enter(operation, ctx) {
        for (const [status, responseOrRef] of Object.entries(operation.responses ?? {})) {
          if (!/^[45]/.test(status)) continue;
          const { node: response, location: resolvedAt } = ctx.resolve(responseOrRef);
          // Point at the response's own file (components/responses/…), not at the $ref to it.
          const location = resolvedAt ?? ctx.location.child(["responses", status]);
          const documented = response?.[errorCodesKey];
          const problem = errorCodesProblem(documented);
          if (problem) {
            ctx.report({
              message: `Response ${status}: ${problem}`,
              location: documented === undefined ? location : location.child([errorCodesKey]),
            });
            continue;
          }
          for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
            for (const [name, value] of namedExampleValues(media, ctx)) {
              const code = value?.error?.code;
              if (typeof code !== "string" || Object.hasOwn(documented, code)) continue;
              const examplePath =
                name === "example" && media.example !== undefined ? ["example"] : ["examples", name, "value"];
              ctx.report({
                message: `Response ${status} example "${name}" uses error code "${code}", which its ${errorCodesKey} does not document; add it there with a one-line meaning, or use a documented code.`,
                location: location.child(["content", mediaType, ...examplePath, "error", "code"]),
              });
            }
          }
        }
      },
    },
  };
}

const errorCodesKey = "x-kirim-error-codes";

/** Why a `x-kirim-error-codes` value is unusable, or undefined when it is a non-empty map of snake_case code → meaning. */
function errorCodesProblem(codes) {
  if (codes === undefined)
    return `document its error codes in ${errorCodesKey} (a map from each code to a one-line meaning).`;
  if (codes === null || typeof codes !== "object" || Array.isArray(codes))
    return `${errorCodesKey} must be a map from code to meaning.`;
  const entries = Object.entries(codes);
  if (entries.length === 0) return `${errorCodesKey} documents no code.`;
  for (const [code, meaning] of entries) {
    if (!/^[a-z][a-z0-9_]*$/.test(code)) return `${errorCodesKey} code "${code}" must be snake_case.`;
    if (typeof meaning !== "string" || meaning.trim() === "")
      return `${errorCodesKey} code "${code}" needs a one-line meaning.`;
  }
  return undefined;
}

const errorCodesHeading = "**Error codes** (`error.code`):";

/** The Markdown table the docs show for a response's documented codes. */
function errorCodesTable(codes) {
  const cell = (text) =>
    String(text)
      .replace(/\|/g, "\\|")
      .replace(/\s*\n\s*/g, " ");
  const rows = Object.entries(codes).map(([code, meaning]) => `| \`${code}\` | ${cell(meaning)} |`);
  return [errorCodesHeading, "", "| code | meaning |", "| --- | --- |", ...rows].join("\n");
}

/**
 * Bundle-time decorator: appends the table of a response's `x-kirim-error-codes` to its description,
 * so the bundle, the mock and the docs all carry it. Applying it twice changes nothing.
 */
function ErrorCodesTable() {
  return {
    Response: {
      leave(response) {
        const codes = response[errorCodesKey];
        if (errorCodesProblem(codes) || String(response.description ?? "").includes(errorCodesHeading)) return;
        const description = String(response.description ?? "").trimEnd();
        response.description = `${description ? `${description}\n\n` : ""}${errorCodesTable(codes)}\n`;
      },
    },
  };
}

function namedExampleValues(media, ctx) {
  const values = [];
  if (media.example !== undefined) values.push(["example", ctx.resolve(media.example).node]);
  for (const [name, example] of Object.entries(media.examples ?? {})) {
    values.push([name, ctx.resolve(example).node?.value]);
  }
  return values;
}

function exampleValues(media, ctx) {
  return namedExampleValues(media, ctx).map(([, value]) => value);
}

export default function kirimPlugin() {
  return {
    id: "kirim",
    rules: {
      oas3: {
        "error-examples-distinct": ErrorExamplesDistinct,
        "status-codes-explicit": StatusCodesExplicit,
        "client-method-names": clientShapeRule("client-method-names"),
        "client-representable": clientShapeRule("client-representable"),
        "client-pagination": clientShapeRule("client-pagination"),
        "error-codes-documented": ErrorCodesDocumented,
      },
    },
    decorators: {
      oas3: {
        "error-codes-table": ErrorCodesTable,
      },
    },
  };
}
