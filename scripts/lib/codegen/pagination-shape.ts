// `x-kirim-pagination` on a list operation: where its items are and how to ask for the next page, checked against the
// operation's own parameters and 2xx schema. Part of operation-shape.ts's analysis (lint's kirim/client-pagination and
// the generator run it), so it imports only types.
import type { PaginationSpec } from "../../../src/operation-spec.ts";
import type { ParameterShape, ResponseContent, ShapeRule, Walker } from "./operation-shape.ts";

type Json = any;

export const paginationExtension = "x-kirim-pagination";

const keysOfStyle: Record<PaginationSpec["style"], readonly string[]> = {
  cursor: ["style", "items", "param", "cursor", "hasMore"],
  "next-cursor": ["style", "items", "param", "next"],
  "next-link": ["style", "items", "next"],
};

export interface PaginationInput<L> {
  walker: Walker<L>;
  refuse: (rule: ShapeRule, message: string, at: L) => void;
  where: string;
  operation: Json;
  at: L;
  parameters: ParameterShape[];
  hasBody: boolean;
  successContent: ResponseContent[];
}

/** The operation's pagination rule, or undefined when it declares none or after refusing it (each reason reported). */
export function analysePagination<L>(input: PaginationInput<L>): PaginationSpec | undefined {
  const { walker, where, operation, parameters } = input;
  const declared = operation[paginationExtension];
  if (declared === undefined) return undefined;
  const at = walker.child(input.at, [paginationExtension]);
  const refuse = (message: string, place: L = at) =>
    input.refuse("client-pagination", `${where}: ${paginationExtension} ${message}`, place);
  const style = declared?.style as PaginationSpec["style"];
  if (!declared || typeof declared !== "object" || !Object.hasOwn(keysOfStyle, style)) {
    refuse(
      `needs \`style\`: "cursor" (a parameter set from the last item, while a flag says there is more), "next-cursor" (a body field holds the cursor to send back) or "next-link" (a body field holds the next page's URL).`,
      declared && typeof declared === "object" && "style" in declared ? walker.child(at, ["style"]) : at,
    );
    return undefined;
  }
  const keys = keysOfStyle[style];
  const wrong = Object.keys(declared).filter((key) => !keys.includes(key));
  const missing = keys.filter((key) => typeof declared[key] !== "string" || declared[key] === "");
  if (wrong.length > 0 || missing.length > 0) {
    refuse(
      `of style "${style}" takes exactly ${keys.map((key) => `\`${key}\``).join(", ")} (names, as strings)${wrong.length > 0 ? `; remove ${wrong.join(", ")}` : ""}${missing.length > 0 ? `; missing ${missing.join(", ")}` : ""}.`,
    );
    return undefined;
  }
  if (input.hasBody) {
    refuse("is for operations without a request body: each page is asked for with query parameters.");
    return undefined;
  }
  const json = input.successContent.filter((content) => content.mediaType !== undefined);
  if (json.length !== 1 || json[0]!.reading !== "json") {
    refuse("needs the operation to document exactly one 2xx response, with a JSON body, to read pages from.");
    return undefined;
  }
  const responses = walker.resolve(operation.responses, walker.child(input.at, ["responses"]));
  const { status, mediaType } = json[0]!;
  const response = walker.resolve(responses.node[status], walker.child(responses.at, [status]));
  const mediaAt = walker.child(response.at, ["content", mediaType!]);
  const body = walker.resolve(response.node.content[mediaType!]?.schema, walker.child(mediaAt, ["schema"]));
  const property = (schema: { node: Json; at: L }, name: string) =>
    walker.resolve(schema.node?.properties?.[name], walker.child(schema.at, ["properties", name]));
  const typesOf = (schema: Json) =>
    [schema?.type ?? []].flat().filter((type: unknown): type is string => typeof type === "string");
  let fits = true;
  /**
   * The extension's `key` must name a property of `schema` whose types are among `allowed` (plus null when
   * `nullable`). Located at the key when the name is wrong, at the property when its type is.
   */
  const check = (schema: { node: Json; at: L }, key: string, what: string, allowed: string[], nullable = false) => {
    const name: string = declared[key];
    const found = property(schema, name);
    const types = typesOf(found.node);
    const named = `names as \`${key}\` ${what} "${name}"`;
    if (found.node === undefined) refuse(`${named}, which the schema does not declare.`, walker.child(at, [key]));
    else if (types.length === 0 || !types.every((type) => allowed.includes(type) || (nullable && type === "null")))
      refuse(
        `${named}, typed ${types.join(" | ") || "nothing"}; it must be ${allowed.join(" or ")}${nullable ? " (or null)" : ""}.`,
        found.at,
      );
    else return found;
    fits = false;
    return undefined;
  };
  const items = check(body, "items", "the 2xx body's field", ["array"]);
  if (style === "cursor" || style === "next-cursor") {
    const param = parameters.find((parameter) => parameter.in === "query" && parameter.name === declared.param);
    if (!param) {
      refuse(
        `names as \`param\` "${declared.param}", which is not a query parameter of the operation.`,
        walker.child(at, ["param"]),
      );
      fits = false;
    } else if (param.types.length === 0 || !param.types.every((type) => cursorTypes.includes(type))) {
      refuse(
        `names as \`param\` "${declared.param}", typed ${param.types.join(" | ") || "nothing"}; a cursor parameter must be string or integer.`,
        walker.child(at, ["param"]),
      );
      fits = false;
    }
  }
  if (style === "cursor") {
    if (items) {
      const item = walker.resolve(items.node.items, walker.child(items.at, ["items"]));
      check(item, "cursor", "the items' field", cursorTypes);
    }
    check(body, "hasMore", "the 2xx body's field", ["boolean"]);
  } else {
    check(body, "next", "the 2xx body's field", ["string"], true);
  }
  if (!fits) return undefined;
  return style === "cursor"
    ? { style, items: declared.items, param: declared.param, cursor: declared.cursor, hasMore: declared.hasMore }
    : style === "next-cursor"
      ? { style, items: declared.items, param: declared.param, next: declared.next }
      : { style, items: declared.items, next: declared.next };
}

const cursorTypes = ["string", "integer"];
