// Writes a synthetic OpenAPI 3.1 spec in the same style and layout as openapi/ (one file per path, schemas,
// parameters and the shared error responses as separate files, curl code samples as real files), with a chosen
// number of operations. Each resource gets GET and PATCH on /<plural>/{id}, so an N-operation spec has N/2
// resources. It must lint clean under redocly.yaml, so that timings measure the normal path, not error reporting.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";

const nouns = [
  "customer",
  "invoice",
  "order",
  "product",
  "subscription",
  "payment",
  "shipment",
  "coupon",
  "refund",
  "ticket",
];

export interface SyntheticResource {
  /** PascalCase schema name, e.g. Invoice0003. */
  schema: string;
  /** URL path, e.g. /invoices0003/{id}. */
  urlPath: string;
  /** Path file name under paths/, e.g. invoices0003_{id}.yaml. */
  pathFile: string;
  /** operationIds, e.g. getInvoice0003, updateInvoice0003. */
  operationIds: [string, string];
  prefix: string;
}

export interface SyntheticSpec {
  root: string;
  operations: number;
  resources: SyntheticResource[];
  files: number;
}

export function syntheticResources(operations: number): SyntheticResource[] {
  if (!Number.isInteger(operations) || operations < 2 || operations % 2 !== 0) {
    throw new Error(`A synthetic spec needs an even number of operations (2 per resource), got ${operations}.`);
  }
  const width = Math.max(4, String(operations / 2).length);
  return Array.from({ length: operations / 2 }, (_, i) => {
    const noun = nouns[i % nouns.length] ?? "item";
    const index = String(i + 1).padStart(width, "0");
    const pascal = noun[0]!.toUpperCase() + noun.slice(1);
    return {
      schema: `${pascal}${index}`,
      urlPath: `/${noun}s${index}/{id}`,
      pathFile: `${noun}s${index}_{id}.yaml`,
      operationIds: [`get${pascal}${index}`, `update${pascal}${index}`],
      prefix: noun.slice(0, 3),
    };
  });
}

/** Writes the spec under `dir` and returns the root file (`dir/openapi.yaml`). */
export async function writeSyntheticSpec(dir: string, operations: number): Promise<SyntheticSpec> {
  const resources = syntheticResources(operations);
  const files = new Map<string, unknown>();
  const texts = new Map<string, string>();

  files.set("openapi.yaml", {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: `Synthetic Kirim API (${operations} operations)`,
      version: "1.0.0",
      summary: "Synthetic spec for benchmarks.",
      description: "Written by bench/lib/synth-spec.ts in the style of openapi/, to measure how the pipeline scales.\n",
      contact: { name: "Kirim API team", email: "api@kirimdev.com" },
      license: { name: "Proprietary", identifier: "LicenseRef-Kirim-Proprietary" },
    },
    servers: [{ url: "https://api.kirimdev.com/v1", description: "Production" }],
    security: [{ bearerAuth: [] }],
    tags: resources.map((r) => ({ name: r.schema, description: `Operations on ${r.schema} resources.\n` })),
    paths: Object.fromEntries(resources.map((r) => [r.urlPath, { $ref: `paths/${r.pathFile}` }])),
    components: { securitySchemes: { bearerAuth: { $ref: "components/securitySchemes/bearerAuth.yaml" } } },
  });

  files.set("components/securitySchemes/bearerAuth.yaml", {
    type: "http",
    scheme: "bearer",
    description: "Send your secret API key as a bearer token: `Authorization: Bearer <api key>`.\n",
  });
  files.set("components/headers/RetryAfter.yaml", {
    required: true,
    description: "How long to wait before retrying, in whole seconds.\n",
    schema: { type: "integer", minimum: 0 },
    example: 1,
  });
  files.set("components/schemas/RequestId.yaml", {
    type: "string",
    pattern: "^req_[0-9A-Za-z]+$",
    description: "Unique identifier of the API request, prefixed `req_`.",
    examples: ["req_01HXYZABCDEFGHJKMNPQRSTVWX"],
  });
  files.set("components/schemas/Metadata.yaml", {
    type: ["object", "null"],
    additionalProperties: true,
    maxProperties: 50,
    description: "Your own key-value data: a JSON object (at most 50 keys) or `null`.\n",
    examples: [{ plan: "pro", seats: 3 }],
  });
  files.set("components/schemas/Status.yaml", {
    type: "string",
    minLength: 1,
    description: "Lifecycle status, for example `pending` or `active`. Not an enum: accept unknown values.\n",
    examples: ["pending"],
  });
  files.set("components/schemas/Error.yaml", {
    type: "object",
    description: "The body of every error response (4xx and 5xx).\n",
    required: ["error"],
    properties: {
      error: {
        type: "object",
        description: "What went wrong.",
        required: ["type", "code", "message", "request_id"],
        properties: {
          type: { type: "string", description: "Broad category of the error.", examples: ["invalid_request_error"] },
          code: {
            type: "string",
            minLength: 1,
            description: "Machine-readable reason, stable across releases.",
            examples: ["resource_missing"],
          },
          message: { type: "string", minLength: 1, description: "Human-readable explanation; not stable." },
          param: {
            type: "string",
            description: "The request field or parameter the error is about.",
            examples: ["email"],
          },
          request_id: { $ref: "./RequestId.yaml" },
        },
      },
    },
  });

  const errors: Array<[string, string, string, string, number]> = [
    ["AuthenticationFailed", "authentication_error", "invalid_api_key", "Authentication failure (status 401).", 3],
    ["EntitlementRequired", "billing_error", "feature_not_entitled", "Billing / entitlement gate (status 402).", 4],
    ["NotFound", "invalid_request_error", "resource_missing", "Resource not found (status 404).", 5],
    ["ValidationFailed", "invalid_request_error", "invalid_email", "Validation failure (status 422).", 1],
    ["RateLimited", "rate_limit_error", "rate_limited", "Rate limit exceeded (status 429).", 6],
    ["InternalError", "api_error", "internal_error", "Internal server error (status 500).", 7],
  ];
  for (const [name, type, code, description, n] of errors) {
    files.set(`components/responses/${name}.yaml`, {
      description: `${description}\n`,
      ...(name === "RateLimited" ? { headers: { "Retry-After": { $ref: "../headers/RetryAfter.yaml" } } } : {}),
      // Our lint rule kirim/error-codes-documented requires the codes an error response carries.
      "x-kirim-error-codes": { [code]: `${description} Example meaning.` },
      content: {
        "application/json": {
          schema: { $ref: "../schemas/Error.yaml" },
          examples: {
            [code.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())]: {
              summary: description,
              value: {
                error: {
                  type,
                  code,
                  message: `${description} Example message.`,
                  request_id: `req_01HXYZABCDEFGHJKMNPQRSTVW${n}`,
                },
              },
            },
          },
        },
      },
    });
  }

  for (const r of resources) {
    const id = `${r.prefix}_01HXYZABCDEFGHJKMNPQRSTVWX`;
    const base = r.pathFile.replace(/\.yaml$/, "");
    files.set(`components/parameters/${r.schema}Id.yaml`, {
      name: "id",
      in: "path",
      required: true,
      description: `Identifier of the ${r.schema} (prefix \`${r.prefix}_\`). One path segment: percent-encode it.\n`,
      schema: { type: "string", minLength: 1 },
      example: id,
    });
    files.set(`components/schemas/${r.schema}.yaml`, {
      type: "object",
      description: `A ${r.schema}. All fields are always present; fields without a value are \`null\`.\n`,
      required: "id object name email status metadata archived_at team_id created_at updated_at".split(" "),
      properties: {
        id: {
          type: "string",
          description: `Unique identifier, prefixed \`${r.prefix}_\`.`,
          pattern: `^${r.prefix}_[0-9A-Za-z]+$`,
          examples: [id],
        },
        object: {
          type: "string",
          const: r.schema.toLowerCase(),
          description: `String naming the object's type. Always \`${r.schema.toLowerCase()}\`.`,
        },
        name: { type: "string", description: "Display name.", examples: ["Ada Lovelace"] },
        email: {
          type: ["string", "null"],
          format: "email",
          description: "Contact email address, or `null`.",
          examples: ["ada@example.com"],
        },
        status: { $ref: "./Status.yaml" },
        metadata: { $ref: "./Metadata.yaml" },
        archived_at: {
          type: ["string", "null"],
          format: "date-time",
          description: "When it was archived (RFC 3339, UTC), or `null`.",
        },
        team_id: {
          type: "string",
          description: "Identifier of the owning team.",
          examples: ["team_01HXYZABCDEFGHJKMNPQRSTVWX"],
        },
        created_at: { type: "string", format: "date-time", description: "When it was created (RFC 3339, UTC)." },
        updated_at: { type: "string", format: "date-time", description: "When it was last changed (RFC 3339, UTC)." },
      },
    });
    files.set(`components/schemas/${r.schema}Update.yaml`, {
      type: "object",
      description: "The fields to change; at least one. Unknown fields are rejected with 422.\n",
      minProperties: 1,
      additionalProperties: false,
      properties: {
        name: { type: "string", minLength: 1, maxLength: 256, description: "New display name, 1 to 256 characters." },
        email: { type: ["string", "null"], format: "email", description: "New email address; `null` removes it." },
        metadata: { $ref: "./Metadata.yaml" },
        status: { $ref: "./Status.yaml" },
      },
    });
    files.set(`components/schemas/${r.schema}Envelope.yaml`, {
      type: "object",
      description: `A ${r.schema}, wrapped with the identifier of the request that returned it.`,
      required: ["data", "request_id"],
      properties: { data: { $ref: `./${r.schema}.yaml` }, request_id: { $ref: "./RequestId.yaml" } },
    });

    const ok = {
      description: `The ${r.schema}.`,
      content: {
        "application/json": {
          schema: { $ref: `../components/schemas/${r.schema}Envelope.yaml` },
          examples: {
            [`the${r.schema}`]: {
              summary: `A ${r.schema}`,
              value: {
                data: {
                  id,
                  object: r.schema.toLowerCase(),
                  name: "Ada Lovelace",
                  email: "ada@example.com",
                  status: "active",
                  metadata: { plan: "pro", seats: 3 },
                  archived_at: null,
                  team_id: "team_01HXYZABCDEFGHJKMNPQRSTVWX",
                  created_at: "2026-01-15T09:30:00Z",
                  updated_at: "2026-11-27T12:00:00Z",
                },
                request_id: "req_01HXYZABCDEFGHJKMNPQRSTVWX",
              },
            },
          },
        },
      },
    };
    const err = (name: string) => ({ $ref: `../components/responses/${name}.yaml` });
    const sample = (method: string) => [
      { lang: "Shell", label: "curl", source: { $ref: `../code_samples/curl/${base}/${method}.sh` } },
    ];
    for (const method of ["get", "patch"]) {
      texts.set(
        `code_samples/curl/${base}/${method}.sh`,
        `curl --fail-with-body --request ${method.toUpperCase()} \\\n` +
          `  --url https://api.kirimdev.com/v1${r.urlPath.replace("{id}", id)} \\\n` +
          `  --header "Authorization: Bearer $KIRIM_API_KEY"` +
          (method === "patch"
            ? ` \\\n  --header 'Content-Type: application/json' \\\n  --data '{"name": "Ada Lovelace"}'\n`
            : "\n"),
      );
    }
    files.set(`paths/${r.pathFile}`, {
      parameters: [{ $ref: `../components/parameters/${r.schema}Id.yaml` }],
      get: {
        tags: [r.schema],
        summary: `Retrieve a ${r.schema}`,
        operationId: r.operationIds[0],
        description: `Returns the ${r.schema} with the given \`id\`.\n`,
        security: [{ bearerAuth: [] }],
        responses: {
          "200": ok,
          "401": err("AuthenticationFailed"),
          "404": err("NotFound"),
          "429": err("RateLimited"),
          "500": err("InternalError"),
        },
        "x-codeSamples": sample("get"),
      },
      patch: {
        tags: [r.schema],
        summary: `Update a ${r.schema}`,
        operationId: r.operationIds[1],
        description: `Updates the ${r.schema} with the given \`id\`, changing only the fields sent. Retrying is safe.\n`,
        security: [{ bearerAuth: [] }],
        requestBody: {
          required: true,
          description: "The fields to change; at least one.",
          content: {
            "application/json": {
              schema: { $ref: `../components/schemas/${r.schema}Update.yaml` },
              examples: {
                rename: { summary: "Change the name and status", value: { name: "Ada Lovelace", status: "active" } },
              },
            },
          },
        },
        responses: {
          "200": ok,
          "401": err("AuthenticationFailed"),
          "402": err("EntitlementRequired"),
          "404": err("NotFound"),
          "422": err("ValidationFailed"),
          "429": err("RateLimited"),
          "500": err("InternalError"),
        },
        "x-codeSamples": sample("patch"),
      },
    });
  }

  for (const [file, value] of files) texts.set(file, stringify(value, { lineWidth: 0 }));
  const dirs = new Set([...texts.keys()].map((file) => path.dirname(path.join(dir, file))));
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })));
  await Promise.all([...texts].map(([file, text]) => writeFile(path.join(dir, file), text)));
  return { root: path.join(dir, "openapi.yaml"), operations, resources, files: texts.size };
}
