// The corpus: single spec changes, each a scripted edit of a copy of openapi/, with the verdict it must get and the
// rule that justifies it. `setup` (applied to base and working copy alike) adds what the spec lacks for a case, e.g.
// an integer field for a `maximum` change; the case's `edit` is then the one change under test.
export interface SpecEditor {
  /** Replaces `from` with `to` in a file under openapi/; throws when `from` is not there. */
  edit(file: string, from: string | RegExp, to: string): Promise<void>;
}

export interface Case {
  name: string;
  breaking: boolean;
  /** For a breaking case: the rule (oasdiff id or Optic rule name) that must be among the findings. For a safe case: why. */
  rule: string;
  setup?: (spec: SpecEditor) => Promise<void>;
  edit: (spec: SpecEditor) => Promise<void>;
}

const P = "paths/customers_{id}.yaml";
const U = "components/schemas/CustomerUpdate.yaml";
const C = "components/schemas/Customer.yaml";
const M = "components/schemas/Metadata.yaml";
const E = "components/schemas/Error.yaml";
const ROOT = "openapi.yaml";
const ID = "components/parameters/CustomerId.yaml";
const RETRY = "components/headers/RetryAfter.yaml";
const LIMITED = "components/responses/RateLimited.yaml";
const INVALID = "components/responses/ValidationFailed.yaml";
const BEARER = "components/securitySchemes/bearerAuth.yaml";

/** Adds a request field (before `status`) to CustomerUpdate. */
const requestField = (yaml: string) => (spec: SpecEditor) => spec.edit(U, "  status:\n", `${yaml}  status:\n`);
/** Adds a response field (before `team_id`) to Customer, optional unless listed in `required`. */
const responseField = (yaml: string) => (spec: SpecEditor) =>
  spec.edit(C, "  team_id:\n    type: string\n", `${yaml}  team_id:\n    type: string\n`);
const seats = "  seats:\n    type: integer\n    description: Seats.\n";
const tags = "  tags:\n    type: array\n    description: Tags.\n    items:\n      type: string\n";
const tier = "  tier:\n    type: string\n    description: Plan tier.\n    enum:\n      - free\n      - pro\n";
const nickname = "  nickname:\n    type: string\n    description: A short name.\n";
/** A line of ValidationFailed's x-kirim-error-codes: a code no example uses, so removing it keeps the spec valid. */
const phoneCode =
  "  invalid_phone_number: A phone number is not valid (named on the public page; this operation takes no phone number today).\n";
const secondScheme = (spec: SpecEditor) =>
  spec.edit(
    ROOT,
    "      $ref: components/securitySchemes/bearerAuth.yaml\n",
    "      $ref: components/securitySchemes/bearerAuth.yaml\n    apiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-Api-Key\n      description: An API key.\n",
  );
const queryParameter = (required: boolean) => (spec: SpecEditor) =>
  spec.edit(
    P,
    "patch:\n",
    `patch:\n  parameters:\n    - name: expand\n      in: query\n      required: ${required}\n      description: Related objects to expand.\n      schema:\n        type: string\n`,
  );

export const cases: Case[] = [
  // ── operations and status codes ──
  {
    name: "remove the operation",
    breaking: true,
    rule: "api-path-removed-without-deprecation",
    edit: (s) => s.edit(ROOT, "  /customers/{id}:\n    $ref: paths/customers_{id}.yaml\n", "  {}\n"),
  },
  {
    name: "rename status 200 to 201",
    breaking: true,
    rule: "response-success-status-removed",
    edit: (s) => s.edit(P, "    '200':\n", "    '201':\n"),
  },
  {
    name: "remove error status 402 (debated: breaking)",
    breaking: true,
    rule: "response-non-success-status-removed",
    edit: (s) => s.edit(P, "    '402':\n      $ref: ../components/responses/EntitlementRequired.yaml\n", ""),
  },
  {
    name: "add a new operation",
    breaking: false,
    rule: "new operations are additive",
    edit: (s) =>
      s.edit(
        P,
        "patch:\n",
        "get:\n  operationId: getCustomer\n  summary: Get a customer\n  description: Returns the customer.\n  responses:\n    '200':\n      description: The customer.\n      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/CustomerEnvelope.yaml\npatch:\n",
      ),
  },
  {
    name: "add error status 409",
    breaking: false,
    rule: "a new documented error status is additive",
    edit: (s) =>
      s.edit(P, "    '422':\n", "    '409':\n      $ref: ../components/responses/NotFound.yaml\n    '422':\n"),
  },
  {
    name: "deprecate the operation",
    breaking: false,
    rule: "deprecation is documentation",
    edit: (s) => s.edit(P, "  operationId: updateCustomer\n", "  operationId: updateCustomer\n  deprecated: true\n"),
  },

  // ── media types ──
  {
    name: "change the request media type",
    breaking: true,
    rule: "prevent request media type removal",
    edit: (s) =>
      s.edit(
        P,
        "  content:\n      application/json:\n        schema:\n          $ref: ../components/schemas/CustomerUpdate.yaml",
        "  content:\n      application/merge-patch+json:\n        schema:\n          $ref: ../components/schemas/CustomerUpdate.yaml",
      ),
  },
  {
    name: "change the 200 response media type",
    breaking: true,
    rule: "prevent response media type removal",
    edit: (s) =>
      s.edit(
        P,
        "      content:\n        application/json:\n          schema:\n            $ref: ../components/schemas/CustomerEnvelope.yaml",
        "      content:\n        application/vnd.kirim+json:\n          schema:\n            $ref: ../components/schemas/CustomerEnvelope.yaml",
      ),
  },

  // ── request body: types, nullability, required ──
  {
    name: "request field type string → integer",
    breaking: true,
    rule: "request-property-type-changed",
    edit: (s) => s.edit(U, "  name:\n    type: string\n", "  name:\n    type: integer\n"),
  },
  {
    name: "request field no longer nullable",
    breaking: true,
    rule: "request-property-became-not-nullable",
    edit: (s) => s.edit(U, / {2}email:\n {4}type:\n {6}- string\n {6}- "null"\n/, "  email:\n    type: string\n"),
  },
  {
    name: "request field made required",
    breaking: true,
    rule: "request-property-became-required",
    edit: (s) => s.edit(U, "minProperties: 1\n", "minProperties: 1\nrequired:\n  - name\n"),
  },
  {
    name: "new required request field",
    breaking: true,
    rule: "new-required-request-property",
    edit: async (s) => {
      await requestField(nickname)(s);
      await s.edit(U, "minProperties: 1\n", "minProperties: 1\nrequired:\n  - nickname\n");
    },
  },
  {
    name: "remove a request field",
    breaking: true,
    rule: "prevent request property removal",
    edit: (s) => s.edit(U, "  status:\n    $ref: ./CustomerStatus.yaml\n", ""),
  },
  {
    name: "request field narrowed to an enum",
    breaking: true,
    rule: "request-property-became-enum",
    edit: (s) => s.edit(U, "    maxLength: 256\n", "    maxLength: 256\n    enum:\n      - Ada Lovelace\n"),
  },
  {
    name: "new optional request field",
    breaking: false,
    rule: "optional request fields are additive",
    edit: requestField(nickname),
  },
  {
    name: "request field becomes nullable",
    breaking: false,
    rule: "accepting null widens",
    edit: (s) => s.edit(U, "  name:\n    type: string\n", '  name:\n    type:\n      - string\n      - "null"\n'),
  },
  {
    name: "required request field made optional",
    breaking: false,
    rule: "accepting less widens",
    setup: (s) => s.edit(U, "minProperties: 1\n", "minProperties: 1\nrequired:\n  - name\n"),
    edit: (s) => s.edit(U, "required:\n  - name\n", ""),
  },
  {
    name: "deprecate a request field",
    breaking: false,
    rule: "deprecation is documentation",
    edit: (s) =>
      s.edit(
        U,
        "    description: New full name, 1 to 256 characters. It cannot be cleared.\n",
        "    description: New full name, 1 to 256 characters. It cannot be cleared.\n    deprecated: true\n",
      ),
  },

  // ── request body: constraints ──
  {
    name: "maxLength lowered",
    breaking: true,
    rule: "request-property-max-length-decreased",
    edit: (s) => s.edit(U, "maxLength: 256", "maxLength: 100"),
  },
  {
    name: "maxLength added",
    breaking: true,
    rule: "request-property-max-length-set",
    edit: (s) =>
      s.edit(
        U,
        "    format: email\n    description: New email",
        "    format: email\n    maxLength: 254\n    description: New email",
      ),
  },
  {
    name: "minLength raised",
    breaking: true,
    rule: "request-property-min-length-increased",
    edit: (s) => s.edit(U, "    minLength: 1\n", "    minLength: 2\n"),
  },
  {
    name: "pattern added",
    breaking: true,
    rule: "request-property-pattern-added",
    edit: (s) => s.edit(U, "    maxLength: 256\n", "    maxLength: 256\n    pattern: ^[A-Za-z ]+$\n"),
  },
  {
    name: "format added",
    breaking: true,
    rule: "prevent request schema narrowing",
    edit: (s) => s.edit(U, "    maxLength: 256\n", "    maxLength: 256\n    format: hostname\n"),
  },
  {
    name: "format changed",
    breaking: true,
    rule: "prevent request schema narrowing",
    edit: (s) =>
      s.edit(
        U,
        "    format: email\n    description: New email",
        "    format: idn-hostname\n    description: New email",
      ),
  },
  {
    name: "minProperties raised",
    breaking: true,
    rule: "prevent request schema narrowing",
    edit: (s) => s.edit(U, "minProperties: 1\n", "minProperties: 2\n"),
  },
  {
    name: "maxProperties added",
    breaking: true,
    rule: "prevent request schema narrowing",
    edit: (s) => s.edit(U, "minProperties: 1\n", "minProperties: 1\nmaxProperties: 2\n"),
  },
  {
    name: "metadata maxProperties lowered",
    breaking: true,
    rule: "prevent request schema narrowing",
    edit: (s) => s.edit(M, "maxProperties: 50\n", "maxProperties: 20\n"),
  },
  {
    name: "metadata additionalProperties closed",
    breaking: true,
    rule: "prevent request schema narrowing",
    edit: (s) => s.edit(M, "additionalProperties: true\n", "additionalProperties: false\n"),
  },
  {
    name: "maximum added",
    breaking: true,
    rule: "request-property-max-set",
    setup: requestField(seats),
    edit: (s) => s.edit(U, "    description: Seats.\n", "    description: Seats.\n    maximum: 100\n"),
  },
  {
    name: "minimum raised",
    breaking: true,
    rule: "request-property-min-increased",
    setup: requestField(seats.replace("type: integer\n", "type: integer\n    minimum: 1\n")),
    edit: (s) => s.edit(U, "    minimum: 1\n", "    minimum: 5\n"),
  },
  {
    name: "multipleOf added",
    breaking: true,
    rule: "prevent request schema narrowing",
    setup: requestField(seats),
    edit: (s) => s.edit(U, "    description: Seats.\n", "    description: Seats.\n    multipleOf: 5\n"),
  },
  {
    name: "maxItems lowered",
    breaking: true,
    rule: "prevent request schema narrowing",
    setup: requestField(tags.replace("items:\n", "maxItems: 10\n    items:\n")),
    edit: (s) => s.edit(U, "maxItems: 10\n", "maxItems: 5\n"),
  },
  {
    name: "uniqueItems added",
    breaking: true,
    rule: "prevent request schema narrowing",
    setup: requestField(tags),
    edit: (s) => s.edit(U, "    description: Tags.\n", "    description: Tags.\n    uniqueItems: true\n"),
  },
  {
    name: "enum value removed from a request field",
    breaking: true,
    rule: "request-property-enum-value-removed",
    setup: requestField(tier),
    edit: (s) => s.edit(U, "      - pro\n", ""),
  },
  {
    name: "maxLength raised",
    breaking: false,
    rule: "accepting longer values widens",
    edit: (s) => s.edit(U, "maxLength: 256", "maxLength: 512"),
  },
  {
    name: "minLength lowered",
    breaking: false,
    rule: "accepting shorter values widens",
    edit: (s) => s.edit(U, "    minLength: 1\n", "    minLength: 0\n"),
  },
  {
    name: "format removed (oasdiff false positive, excepted)",
    breaking: false,
    rule: "dropping a format accepts more",
    edit: (s) => s.edit(U, "    format: email\n    description: New email", "    description: New email"),
  },
  {
    name: "pattern removed",
    breaking: false,
    rule: "dropping a pattern accepts more",
    setup: (s) => s.edit(U, "    maxLength: 256\n", "    maxLength: 256\n    pattern: ^[A-Za-z ]+$\n"),
    edit: (s) => s.edit(U, "    pattern: ^[A-Za-z ]+$\n", ""),
  },
  {
    name: "enum value added to a request field",
    breaking: false,
    rule: "accepting a new value widens",
    setup: requestField(tier),
    edit: (s) => s.edit(U, "      - pro\n", "      - pro\n      - enterprise\n"),
  },
  {
    name: "metadata maxProperties raised",
    breaking: false,
    rule: "accepting more keys widens",
    edit: (s) => s.edit(M, "maxProperties: 50\n", "maxProperties: 100\n"),
  },
  {
    name: "multipleOf made finer",
    breaking: false,
    rule: "multipleOf 10 → 5 accepts every old value",
    setup: requestField(seats.replace("type: integer\n", "type: integer\n    multipleOf: 10\n")),
    edit: (s) => s.edit(U, "multipleOf: 10\n", "multipleOf: 5\n"),
  },

  // ── response body ──
  {
    name: "remove a required response field",
    breaking: true,
    rule: "response-required-property-removed",
    edit: async (s) => {
      await s.edit(C, "  - team_id\n", "");
      await s.edit(C, / {2}team_id:\n( {4}.*\n)+? {2}created_at:\n/, "  created_at:\n");
    },
  },
  {
    name: "response field made optional",
    breaking: true,
    rule: "response-property-became-optional",
    edit: (s) => s.edit(C, "  - team_id\n", ""),
  },
  {
    name: "remove an optional response field (debated: breaking)",
    breaking: true,
    rule: "response-optional-property-removed",
    setup: responseField(nickname),
    edit: (s) => s.edit(C, nickname, ""),
  },
  {
    name: "new enum value in a response (debated: breaking)",
    breaking: true,
    rule: "response-property-enum-value-added",
    setup: responseField(tier),
    edit: (s) => s.edit(C, "      - pro\n", "      - pro\n      - enterprise\n"),
  },
  {
    name: "response field type changed",
    breaking: true,
    rule: "response-property-type-changed",
    edit: (s) =>
      s.edit(C, "  created_at:\n    type: string\n    format: date-time\n", "  created_at:\n    type: integer\n"),
  },
  {
    name: "response field becomes nullable",
    breaking: true,
    rule: "response-property-became-nullable",
    edit: (s) => s.edit(C, "  name:\n    type: string\n", '  name:\n    type:\n      - string\n      - "null"\n'),
  },
  {
    name: "error body field removed",
    breaking: true,
    rule: "response-required-property-removed",
    edit: async (s) => {
      await s.edit(E, "      - message\n", "");
      await s.edit(E, / {6}message:\n( {8}.*\n)+? {6}param:\n/, "      param:\n");
    },
  },
  {
    name: "new optional response field",
    breaking: false,
    rule: "responses may grow (README)",
    edit: responseField(nickname),
  },
  {
    name: "optional response field made required",
    breaking: false,
    rule: "always sending it is compatible",
    setup: responseField(nickname),
    edit: (s) => s.edit(C, "  - team_id\n", "  - team_id\n  - nickname\n"),
  },
  {
    name: "enum value removed from a response field",
    breaking: false,
    rule: "clients already handle every remaining value",
    setup: responseField(tier),
    edit: (s) => s.edit(C, "      - pro\n", ""),
  },
  {
    name: "response field no longer nullable",
    breaking: false,
    rule: "never sending null is compatible",
    edit: (s) => s.edit(C, / {2}email:\n {4}type:\n {6}- string\n {6}- "null"\n/, "  email:\n    type: string\n"),
  },

  // ── parameters ──
  {
    name: "new required query parameter",
    breaking: true,
    rule: "new-required-request-parameter",
    edit: queryParameter(true),
  },
  {
    name: "optional query parameter made required",
    breaking: true,
    rule: "request-parameter-became-required",
    setup: queryParameter(false),
    edit: (s) => s.edit(P, "      required: false\n", "      required: true\n"),
  },
  {
    name: "new required header parameter",
    breaking: true,
    rule: "new-required-request-parameter",
    edit: (s) =>
      s.edit(
        P,
        "patch:\n",
        "patch:\n  parameters:\n    - name: X-Team\n      in: header\n      required: true\n      description: Team.\n      schema:\n        type: string\n",
      ),
  },
  {
    name: "path parameter minLength raised",
    breaking: true,
    rule: "request-parameter-min-length-increased",
    edit: (s) => s.edit(ID, "  minLength: 1\n", "  minLength: 5\n"),
  },
  {
    name: "path parameter format added",
    breaking: true,
    rule: "prevent request parameter narrowing",
    edit: (s) => s.edit(ID, "  minLength: 1\n", "  minLength: 1\n  format: uuid\n"),
  },
  {
    name: "new optional query parameter",
    breaking: false,
    rule: "optional parameters are additive",
    edit: queryParameter(false),
  },

  // ── response headers ──
  {
    name: "remove Retry-After from 429",
    breaking: true,
    rule: "required-response-header-removed",
    edit: (s) => s.edit(LIMITED, "headers:\n  Retry-After:\n    $ref: ../headers/RetryAfter.yaml\n", ""),
  },
  {
    name: "Retry-After made optional",
    breaking: true,
    rule: "response-header-became-optional",
    edit: (s) => s.edit(RETRY, "required: true\n", "required: false\n"),
  },
  {
    name: "new response header",
    breaking: false,
    rule: "a new header is additive",
    edit: (s) =>
      s.edit(
        LIMITED,
        "headers:\n",
        "headers:\n  X-RateLimit-Limit:\n    description: Requests allowed per minute.\n    schema:\n      type: integer\n",
      ),
  },

  // ── security ──
  {
    name: "security scheme type changed",
    breaking: true,
    rule: "prevent server and security breaks",
    edit: (s) => s.edit(BEARER, "type: http\nscheme: bearer\n", "type: apiKey\nin: header\nname: X-Api-Key\n"),
  },
  {
    name: "security scheme bearer → basic",
    breaking: true,
    rule: "prevent server and security breaks",
    edit: (s) => s.edit(BEARER, "scheme: bearer\n", "scheme: basic\n"),
  },
  {
    name: "security requirement replaced",
    breaking: true,
    rule: "prevent server and security breaks",
    setup: secondScheme,
    edit: (s) => s.edit(P, "  security:\n    - bearerAuth: []\n", "  security:\n    - apiKeyAuth: []\n"),
  },
  {
    name: "security requirement gains an alternative",
    breaking: false,
    rule: "more accepted credentials widen",
    setup: secondScheme,
    edit: (s) =>
      s.edit(P, "  security:\n    - bearerAuth: []\n", "  security:\n    - bearerAuth: []\n    - apiKeyAuth: []\n"),
  },
  {
    name: "security scheme description changed",
    breaking: false,
    rule: "docs only",
    edit: (s) => s.edit(BEARER, "  Send your secret API key", "  Send your API key"),
  },

  // ── servers ──
  {
    name: "default server URL changed",
    breaking: true,
    rule: "prevent server and security breaks",
    edit: (s) => s.edit(ROOT, "https://api.kirimdev.com/v1", "https://api.kirim.dev/v1"),
  },
  {
    name: "second server added after the default",
    breaking: false,
    rule: "the default stays",
    edit: (s) =>
      s.edit(
        ROOT,
        "    description: Production\n",
        "    description: Production\n  - url: https://sandbox.kirimdev.com/v1\n    description: Sandbox\n",
      ),
  },

  // ── documented error codes (x-kirim-error-codes) ──
  {
    name: "documented error code removed",
    breaking: true,
    rule: "prevent documented error code removal",
    edit: (s) => s.edit(INVALID, phoneCode, ""),
  },
  {
    name: "documented error code added",
    breaking: false,
    rule: "a new code is additive",
    edit: (s) => s.edit(INVALID, phoneCode, `${phoneCode}  metadata_too_large: The metadata object is too large.\n`),
  },

  // ── documentation only ──
  {
    name: "operation description edited",
    breaking: false,
    rule: "docs only",
    edit: (s) =>
      s.edit(P, "    Updates the customer with the given `id`", "    Changes the customer with the given `id`"),
  },
  {
    name: "operation summary edited",
    breaking: false,
    rule: "docs only",
    edit: (s) => s.edit(P, "  summary: Update a customer\n", "  summary: Update one customer\n"),
  },
  {
    name: "request example changed",
    breaking: false,
    rule: "docs only",
    edit: (s) =>
      s.edit(
        P,
        "              name: Ada Lovelace\n              email: ada@example.com\n              metadata:\n                plan: pro",
        "              name: Grace Hopper\n              email: grace@example.com\n              metadata:\n                plan: pro",
      ),
  },
  {
    name: "field description edited",
    breaking: false,
    rule: "docs only",
    edit: (s) =>
      s.edit(
        C,
        "    description: Full name of the person or company.\n",
        "    description: Full name of the customer.\n",
      ),
  },
  {
    name: "code sample label changed",
    breaking: false,
    rule: "docs only",
    edit: (s) => s.edit(P, "      label: fetch\n", "      label: fetch API\n"),
  },
  {
    name: "tag description edited",
    breaking: false,
    rule: "docs only",
    edit: (s) =>
      s.edit(ROOT, "      A customer is a person or company", "      A customer is a person or an organisation"),
  },
  {
    name: "info.version bumped",
    breaking: false,
    rule: "docs only",
    edit: (s) => s.edit(ROOT, /^( {2}version: \d+\.\d+\.)\d+$/m, "$199"),
  },
];
