// How an operation becomes a client method, checked by the lint plugin (kirim-plugin.js) and used by the client
// generator (scripts/lib/codegen/operation-model.ts). It lives beside the plugin so that a copy of the spec and its lint config
// (redocly.yaml, redocly/) is complete on its own.
//
// - resource: the operation's first tag, camelCased ("Payment Links" → paymentLinks);
// - method: the operationId in camelCase (get-stations, get_stations and GetStations → getStations), without the tag's
//   noun, plural or singular (updateCustomer → update, listCustomers → list);
// - `x-kirim-method: "<resource>.<method>"` on the operation overrides both.

export const methodExtension = "x-kirim-method";

type Json = any;

export interface ClientName {
  resource: string;
  method: string;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Valid identifiers that would still misbehave as keys of the client's plain objects. */
const objectBuiltins: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
/** A resource or method named `then` makes the object thenable: `await` would call it instead of returning the object. */
const thenable = "then";

/** The camelCase form of a tag: "Payment Links" → "paymentLinks", "API keys" → "apiKeys". */
function camelCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase()))
    .join("");
}

/** The tag's noun in the forms an operationId may use it: "Payment Links" → ["PaymentLinks", "PaymentLink"]. */
function nounForms(tag: string): string[] {
  const plural = camelCase(tag).replace(/^./, (first) => first.toUpperCase());
  const singular = plural.endsWith("ies")
    ? `${plural.slice(0, -3)}y`
    : plural.endsWith("sses") || plural.endsWith("xes") || plural.endsWith("ches") || plural.endsWith("shes")
      ? plural.slice(0, -2)
      : plural.endsWith("s")
        ? plural.slice(0, -1)
        : plural;
  return [...new Set([plural, singular])];
}

/**
 * An operationId of any style in camelCase: "get-stations", "get_stations", "GetStations" → "getStations". A camelCase
 * id is returned as it is (inner capitals kept: "getHTTPStatus" stays).
 */
export function camelCaseId(operationId: string): string {
  const words = operationId.split(/[^A-Za-z0-9$]+/).filter(Boolean);
  return words
    .map((word, index) =>
      index === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1),
    )
    .join("");
}

/** The method name an operationId gives under a tag: ("listCustomers", "Customers") → "list". */
function methodFromOperationId(anyStyleId: string, tag: string): string {
  const operationId = camelCaseId(anyStyleId);
  for (const noun of nounForms(tag)) {
    // The noun as a whole camelCase word: capitalised inside the id, or lower-case at its start.
    const inside = new RegExp(`${noun}(?=[A-Z0-9_]|$)`);
    const atStart = new RegExp(`^${noun[0]!.toLowerCase()}${noun.slice(1)}(?=[A-Z0-9_]|$)`);
    for (const pattern of [inside, atStart]) {
      const stripped = operationId.replace(pattern, "");
      if (stripped !== operationId && stripped !== "") return stripped[0]!.toLowerCase() + stripped.slice(1);
    }
  }
  return operationId;
}

/** Why a name cannot be used, or undefined when it can. */
function invalidNamePart(name: string): string | undefined {
  if (!identifier.test(name)) return `"${name}" is not a valid JavaScript identifier`;
  if (objectBuiltins.has(name)) return `"${name}" is a built-in property of every JavaScript object`;
  if (name === thenable) return `"${name}" would make the client's object thenable, so \`await\` would call it`;
  return undefined;
}

/**
 * The resource and method an operation becomes, or an error sentence saying what to change.
 * `operation` is the raw OpenAPI operation object.
 */
export function clientNameOf(operation: Json): ClientName | { error: string } {
  const override = operation?.[methodExtension];
  if (override !== undefined) {
    const parts = typeof override === "string" ? override.split(".") : [];
    if (parts.length !== 2) {
      return {
        error: `${methodExtension} must be "<resource>.<method>", such as "customers.retrieve"; got ${JSON.stringify(override)}`,
      };
    }
    return checked({ resource: parts[0]!, method: parts[1]! }, `${methodExtension} "${override}"`);
  }
  const tag: unknown = operation?.tags?.[0];
  if (typeof tag !== "string" || tag.trim() === "") {
    return {
      error: `the operation has no tag: the client groups methods by the first tag (or set ${methodExtension})`,
    };
  }
  const operationId: unknown = operation?.operationId;
  if (typeof operationId !== "string" || operationId === "") {
    return {
      error: `the operation has no operationId: the client names its method after it (or set ${methodExtension})`,
    };
  }
  return checked(
    { resource: camelCase(tag), method: methodFromOperationId(operationId, tag) },
    `tag "${tag}" and operationId "${operationId}"`,
  );
}

function checked(name: ClientName, source: string): ClientName | { error: string } {
  for (const part of [name.resource, name.method]) {
    const problem = invalidNamePart(part);
    if (problem)
      return {
        error: `${source} give the client name ${name.resource}.${name.method}: ${problem}; set ${methodExtension}`,
      };
  }
  return name;
}
