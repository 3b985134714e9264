// Turns the JSON Schema 2020-12 that OpenAPI 3.1 allows into fast-check arbitraries, so property-based tests generate
// requests from the bundled spec itself, never from a hand-written copy of it (why our own converter rather than a
// library: test/contract/README.md).
//
// Generated: type (one or a list), const, enum, the numeric bounds (exclusive ones included) and multipleOf, string
// lengths, pattern and the formats named below, arrays (items, prefixItems, contains, uniqueItems, lengths), objects
// (properties, required, additionalProperties, patternProperties, propertyNames, dependentRequired, property counts),
// allOf (merged), anyOf/oneOf (each branch; discriminator values set from its mapping), not, if/then/else, and local
// $refs. Where a value can break a rule the construction does not see (oneOf overlaps, not, merged allOf branches,
// contains), it is checked by Ajv and redrawn. Annotations (OpenAPI's xml, example, discriminator, externalDocs,
// deprecated, `x-…` and any keyword JSON Schema does not define) and unknown formats shape nothing.
//
// What it cannot generate ($dynamicRef, unevaluated*, dependentSchemas, a `false` schema) throws UnsupportedSchema
// naming the keyword and where it is. Callers build arbitraries inside a test, so that one operation fails alone.
import fc from "fast-check";
import type { JsonSchema, LoadedSpec } from "../../helpers/bundled-spec.ts";

/** A schema construct the generator cannot produce values for: fails the operation that uses it, by name. */
export class UnsupportedSchema extends Error {
  readonly keyword: string;
  readonly at: string;

  constructor(keyword: string, at: string, detail = "") {
    super(
      `schema-arbitrary cannot generate "${keyword}"${detail ? ` (${detail})` : ""} at ${at}; teach test/contract/lib/schema-arbitrary.ts`,
    );
    this.name = "UnsupportedSchema";
    this.keyword = keyword;
    this.at = at;
  }
}

const unsupported = new Set([
  "$dynamicRef",
  "$recursiveRef",
  "unevaluatedProperties",
  "unevaluatedItems",
  "dependentSchemas",
  "contentSchema",
]);

/** Code points (no lone surrogates), so `minLength`/`maxLength` count what JSON Schema counts. */
const textUnit = "binary" as const;

/** Generated collections stay small: runs stay fast and a failure shrinks to something readable. */
const maxGenerated = 5;

/** How many draws in a row may be refused (by Ajv or a rule) before the schema counts as unsatisfiable here. */
const maxRefusals = 1_000;

/** JSON values for free-form places (metadata values): nested, but not so deep that runs get slow. */
export const anyJson = (): fc.Arbitrary<unknown> => fc.jsonValue({ maxDepth: 3 });

/** The schema's `type` as a list: `"string"` → `["string"]`, `["string", "null"]` as is, none → `[]`. */
export function schemaTypes(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : [schema.type as string | string[]].flat();
}

/** `arbitrary` keeping only values `accept` takes; after `maxRefusals` refusals in a row it fails, saying why. */
function refusing<T>(arbitrary: fc.Arbitrary<T>, accept: (value: T) => boolean, why: string): fc.Arbitrary<T> {
  let refusedInARow = 0;
  return arbitrary.filter((value) => {
    if (accept(value)) {
      refusedInARow = 0;
      return true;
    }
    if (++refusedInARow >= maxRefusals) {
      refusedInARow = 0;
      throw new Error(`schema-arbitrary: ${maxRefusals} values in a row broke ${why}; is the schema satisfiable?`);
    }
    return false;
  });
}

/** `.` and `$` are kept: pointers use "/" and escape "~" and "/" (RFC 6901). */
function pointerStep(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

type Schema = JsonSchema | boolean;

export interface GeneratorOptions {
  /** Strings of printable ASCII only (header and cookie values, which HTTP carries as such). */
  asciiText?: boolean;
}

/** Values valid against `schema` (a `$ref` is followed). `where` names the place in errors, e.g. "#/…/schema". */
export function arbitraryFromSchema(
  spec: LoadedSpec,
  schema: Schema,
  where = "#",
  options: GeneratorOptions = {},
): fc.Arbitrary<unknown> {
  return new Generator(spec, options).arbitrary(schema, where);
}

class Generator {
  /** The `$ref`s being built right now: a schema that contains itself stops where it may (optional, empty array). */
  private readonly building = new Set<string>();

  private readonly spec: LoadedSpec;
  private readonly unit: "binary" | "grapheme-ascii";

  constructor(spec: LoadedSpec, options: GeneratorOptions) {
    this.spec = spec;
    this.unit = options.asciiText ? "grapheme-ascii" : textUnit;
  }

  /** Whether `schema` is a `$ref` to a schema being built (a place where generation would never end). */
  private recursive(schema: Schema | undefined): boolean {
    return typeof schema === "object" && typeof schema.$ref === "string" && this.building.has(schema.$ref);
  }

  private valid(schema: Schema, value: unknown): boolean {
    return this.spec.validate(schema as JsonSchema, value).valid;
  }

  /** Resolves `$ref`s, and a `$ref` beside other keywords (allowed in 2020-12) as an allOf of both. */
  private resolved(schema: JsonSchema, at: string): { node: JsonSchema; at: string } {
    if (typeof schema.$ref !== "string") return { node: schema, at };
    const { $ref, ...siblings } = schema;
    const target = this.spec.resolve({ $ref }) as JsonSchema;
    if (!$ref.startsWith("#")) throw new UnsupportedSchema("$ref", at, `not a local reference: ${$ref}`);
    const meaningful = Object.keys(siblings).filter((key) => !isAnnotation(key));
    if (meaningful.length === 0) return this.resolved(target, $ref);
    return { node: { ...siblings, allOf: [...((siblings.allOf as Schema[]) ?? []), target] }, at };
  }

  arbitrary(schema: Schema, where: string): fc.Arbitrary<unknown> {
    if (schema === true) return anyJson();
    if (schema === false) throw new UnsupportedSchema("false", where, "no value is valid");
    if (typeof schema.$ref !== "string") return this.build(schema, where);
    if (this.building.has(schema.$ref))
      throw new UnsupportedSchema("$ref", where, `${schema.$ref} contains itself where a value is required`);
    this.building.add(schema.$ref);
    try {
      return this.build(schema, where);
    } finally {
      this.building.delete(schema.$ref);
    }
  }

  private build(schema: JsonSchema, where: string): fc.Arbitrary<unknown> {
    const { node, at } = this.resolved(schema, where);
    for (const keyword of Object.keys(node)) if (unsupported.has(keyword)) throw new UnsupportedSchema(keyword, at);

    if ("const" in node) return fc.constant(node.const);
    if (Array.isArray(node.enum)) {
      const { enum: values, ...rest } = node;
      const allowed = (values as unknown[]).filter((value) => this.valid(rest, value));
      if (allowed.length === 0) throw new UnsupportedSchema("enum", at, "no value of the enum is valid");
      return fc.constantFrom(...allowed);
    }
    if (Array.isArray(node.allOf)) return this.allOf(node, at);
    if (Array.isArray(node.anyOf) || Array.isArray(node.oneOf)) return this.choice(node, at);
    if (node.if !== undefined) return this.conditional(node, at);
    if (node.not !== undefined) {
      const { not, ...rest } = node;
      return refusing(this.arbitrary(rest, at), (value) => !this.valid(not as Schema, value), `"not" at ${at}/not`);
    }

    const types = schemaTypes(node);
    if (types.length === 0) types.push(...impliedTypes(node));
    if (types.length === 0) return anyJson();
    const options = types.map((type) => this.forType(node, type, at));
    return options.length === 1 ? options[0]! : fc.oneof(...options);
  }

  /** allOf: the branches merged into one schema; what the merge cannot express is checked by Ajv. */
  private allOf(node: JsonSchema, at: string): fc.Arbitrary<unknown> {
    const merged = this.flattened(node, at);
    return refusing(this.arbitrary(merged, at), (value) => this.valid(node, value), `"allOf" at ${at}/allOf`);
  }

  private flattened(node: JsonSchema, at: string): JsonSchema {
    const { allOf, ...rest } = node;
    let merged: JsonSchema = rest;
    ((allOf ?? []) as Schema[]).forEach((branch, index) => {
      if (branch === true) return;
      if (branch === false) throw new UnsupportedSchema("false", `${at}/allOf/${index}`, "no value is valid");
      const resolved = this.resolved(branch, `${at}/allOf/${index}`);
      const flat = Array.isArray(resolved.node.allOf) ? this.flattened(resolved.node, resolved.at) : resolved.node;
      merged = mergeSchemas(merged, flat);
    });
    return merged;
  }

  /** anyOf/oneOf: one arbitrary per branch (merged with the keywords beside it), drawn until Ajv agrees. */
  private choice(node: JsonSchema, at: string): fc.Arbitrary<unknown> {
    const keyword = Array.isArray(node.oneOf) ? "oneOf" : "anyOf";
    const { [keyword]: branches, discriminator, ...rest } = node;
    const discriminatorValues = discriminatorValuesOf(discriminator, branches as Schema[]);
    const options = (branches as Schema[]).map((branch, index) => {
      let combined = typeof branch === "boolean" ? branch : mergeSchemas(rest, { allOf: [branch] });
      const tag = discriminatorValues[index];
      if (tag && typeof combined !== "boolean")
        combined = mergeSchemas(combined, { properties: { [tag.property]: { const: tag.value } } });
      return this.arbitrary(combined, `${at}/${keyword}/${index}`);
    });
    return refusing(fc.oneof(...options), (value) => this.valid(node, value), `"${keyword}" at ${at}/${keyword}`);
  }

  /** if/then/else: values meeting `if` and `then`, and values meeting `else`; Ajv keeps the right ones. */
  private conditional(node: JsonSchema, at: string): fc.Arbitrary<unknown> {
    const { if: condition, then, else: otherwise, ...rest } = node;
    const withThen = { ...rest, allOf: [condition as Schema, ...(then === undefined ? [] : [then as Schema])] };
    const withElse = otherwise === undefined ? rest : { ...rest, allOf: [otherwise as Schema] };
    return refusing(
      fc.oneof(this.arbitrary(withThen, `${at}/then`), this.arbitrary(withElse, `${at}/else`)),
      (value) => this.valid(node, value),
      `"if"/"then"/"else" at ${at}`,
    );
  }

  private forType(node: JsonSchema, type: string, at: string): fc.Arbitrary<unknown> {
    switch (type) {
      case "null":
        return fc.constant(null);
      case "boolean":
        return fc.boolean();
      case "integer":
        return integerArbitrary(node, at);
      case "number":
        return numberArbitrary(node, at);
      case "string":
        return this.stringArbitrary(node, at);
      case "array":
        return this.arrayArbitrary(node, at);
      case "object":
        return this.objectArbitrary(node, at);
      default:
        throw new UnsupportedSchema("type", at, `unknown type "${type}"`);
    }
  }

  private stringArbitrary(node: JsonSchema, at: string): fc.Arbitrary<string> {
    const minLength = (node.minLength as number | undefined) ?? 0;
    const maxLength = node.maxLength as number | undefined;
    if (maxLength !== undefined && maxLength < minLength)
      throw new UnsupportedSchema("maxLength", at, "below minLength");
    const length = (value: string) => [...value].length;
    const fits = (value: string) =>
      length(value) >= minLength && (maxLength === undefined || length(value) <= maxLength);
    const format = typeof node.format === "string" ? node.format : undefined;
    const formatted = format === undefined ? undefined : formatArbitrary(format);
    // The format is checked by Ajv where Ajv knows it: a generator's edge case must not reach the server as "valid".
    const formatOk = (value: string) => format === undefined || this.valid({ type: "string", format }, value);
    if (typeof node.pattern === "string") {
      let pattern: RegExp;
      try {
        pattern = new RegExp(node.pattern, "u");
      } catch (error) {
        throw new UnsupportedSchema("pattern", at, error instanceof Error ? error.message : String(error));
      }
      const base = formatted ? formatted.filter((value) => pattern.test(value)) : fc.stringMatching(pattern);
      return refusing(base, (value) => fits(value) && formatOk(value), `pattern/format/length at ${at}`);
    }
    if (formatted) return refusing(formatted, (value) => fits(value) && formatOk(value), `format "${format}" at ${at}`);
    return fc.string({ unit: this.unit, minLength, ...(maxLength === undefined ? {} : { maxLength }) });
  }

  private arrayArbitrary(node: JsonSchema, at: string): fc.Arbitrary<unknown[]> {
    const minItems = (node.minItems as number | undefined) ?? 0;
    const maxItems = (node.maxItems as number | undefined) ?? Math.max(minItems, maxGenerated);
    const prefix = ((node.prefixItems as Schema[] | undefined) ?? []).map((item, index) =>
      this.arbitrary(item, `${at}/prefixItems/${index}`),
    );
    const items = node.items as Schema | undefined;
    const restMax = items === false ? 0 : Math.max(0, Math.min(maxItems, minItems + maxGenerated) - prefix.length);
    const restMin = Math.min(restMax, Math.max(0, minItems - prefix.length));
    const endless = this.recursive(items) && minItems === 0;
    const item = items === undefined || items === false || endless ? anyJson() : this.arbitrary(items, `${at}/items`);
    const unique = node.uniqueItems === true;
    const rest =
      restMax === 0 || endless
        ? fc.constant([] as unknown[])
        : unique
          ? fc.uniqueArray(item, { minLength: restMin, maxLength: restMax, selector: canonicalJson })
          : fc.array(item, { minLength: restMin, maxLength: restMax });
    let result: fc.Arbitrary<unknown[]> = fc
      .tuple(fc.tuple(...prefix), rest)
      .map(([head, tail]) => [...head, ...tail].slice(0, maxItems));
    if (node.contains !== undefined) {
      const contained = this.arbitrary(node.contains as Schema, `${at}/contains`);
      result = fc
        .tuple(result, contained, fc.nat())
        .map(([values, extra, position]) =>
          values.length < maxItems || values.length === 0
            ? values.toSpliced(Math.max(prefix.length, position % (values.length + 1)), 0, extra)
            : values,
        );
    }
    const needsCheck = unique || node.contains !== undefined || prefix.length > 0;
    return needsCheck ? refusing(result, (value) => this.valid(node, value), `array rules at ${at}`) : result;
  }

  private objectArbitrary(node: JsonSchema, at: string): fc.Arbitrary<Record<string, unknown>> {
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    const known = Object.keys(properties);
    const dependent = (node.dependentRequired ?? {}) as Record<string, string[]>;
    // A required property's dependents are required too.
    const required = new Set(((node.required ?? []) as string[]).filter((name) => name !== "__proto__"));
    for (let grew = true; grew; ) {
      grew = false;
      for (const name of [...required])
        for (const other of dependent[name] ?? [])
          if (!required.has(other)) {
            required.add(other);
            grew = true;
          }
    }
    const minProperties = (node.minProperties as number | undefined) ?? 0;
    const maxProperties = node.maxProperties as number | undefined;
    const patterns = Object.entries((node.patternProperties ?? {}) as Record<string, Schema>).map(
      ([source, schema]) => ({ source, regex: new RegExp(source, "u"), schema }),
    );
    const additional = (node.additionalProperties ?? true) as Schema;
    const keyRule = node.propertyNames as Schema | undefined;
    const keyOk = (key: string) =>
      key !== "__proto__" && !known.includes(key) && (keyRule === undefined || this.valid(keyRule, key));

    const valueFor = (name: string) => {
      const schema = properties[name] ?? patterns.find((pattern) => pattern.regex.test(name))?.schema ?? additional;
      return this.arbitrary(schema, `${at}/properties/${pointerStep(name)}`);
    };
    const missingRequired = [...required].filter((name) => !known.includes(name));
    // An optional property that holds the schema itself is left out: including it could recurse for ever.
    const drawn = known.filter((name) => required.has(name) || !this.recursive(properties[name]));
    const record = fc.record(Object.fromEntries([...drawn, ...missingRequired].map((name) => [name, valueFor(name)])), {
      requiredKeys: [...required],
    }) as fc.Arbitrary<Record<string, unknown>>;

    const extraArbitraries: fc.Arbitrary<[string, unknown]>[] = patterns.map(({ source, regex, schema }) =>
      fc.tuple(
        refusing(fc.stringMatching(regex, { size: "xsmall" }), keyOk, `propertyNames at ${at}`),
        this.arbitrary(schema, `${at}/patternProperties/${pointerStep(source)}`),
      ),
    );
    if (additional !== false) {
      const free = refusing(
        fc.string({ maxLength: 12 }),
        (key) => keyOk(key) && !patterns.some((pattern) => pattern.regex.test(key)),
        `propertyNames at ${at}`,
      );
      extraArbitraries.push(fc.tuple(free, this.arbitrary(additional, `${at}/additionalProperties`)));
    }
    const room = Math.max(0, Math.min(maxProperties ?? maxGenerated, maxGenerated + minProperties) - required.size);
    const extras =
      extraArbitraries.length === 0 || room === 0
        ? fc.constant([] as [string, unknown][])
        : fc.array(fc.oneof(...extraArbitraries), { maxLength: room });

    const result = fc.tuple(record, extras).map(([fixed, extra]) => {
      const value: Record<string, unknown> = { ...Object.fromEntries(extra), ...fixed };
      // An optional property whose dependents were not drawn is left out (dependentRequired).
      for (const [name, needs] of Object.entries(dependent))
        if (name in value && !required.has(name) && needs.some((other) => !(other in value))) delete value[name];
      return value;
    });
    return refusing(
      result,
      (value) => {
        const count = Object.keys(value).length;
        return count >= minProperties && (maxProperties === undefined || count <= maxProperties);
      },
      `minProperties/maxProperties at ${at}`,
    );
  }
}

const annotationKeywords = new Set([
  "description",
  "title",
  "examples",
  "example",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "summary",
  "xml",
  "externalDocs",
  "discriminator",
  "$id",
  "$schema",
  "$anchor",
  "$defs",
  "contentMediaType",
  "contentEncoding",
]);

function isAnnotation(keyword: string): boolean {
  return annotationKeywords.has(keyword) || keyword.startsWith("x-");
}

/** The type a typeless schema's keywords imply (`properties` → object, `items` → array, …). */
function impliedTypes(node: JsonSchema): string[] {
  const has = (...keywords: string[]) => keywords.some((keyword) => keyword in node);
  if (has("properties", "additionalProperties", "patternProperties", "required", "minProperties", "maxProperties"))
    return ["object"];
  if (has("items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems")) return ["array"];
  if (has("minLength", "maxLength", "pattern")) return ["string"];
  if (has("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")) return ["number"];
  if (typeof node.format === "string" && formatArbitrary(node.format)) return ["string"];
  return [];
}

const defaultRange = 1_000_000;

function bounds(node: JsonSchema, integer: boolean): { min: number; max: number } {
  const format = node.format;
  const formatMin = format === "int32" ? -(2 ** 31) : format === "int64" ? Number.MIN_SAFE_INTEGER : -defaultRange;
  const formatMax = format === "int32" ? 2 ** 31 - 1 : format === "int64" ? Number.MAX_SAFE_INTEGER : defaultRange;
  let min = typeof node.minimum === "number" ? node.minimum : formatMin;
  let max = typeof node.maximum === "number" ? node.maximum : formatMax;
  const step = integer ? 1 : Number.EPSILON * Math.max(1, Math.abs(min), Math.abs(max));
  // 2020-12: numbers; OpenAPI 3.0's booleans beside minimum/maximum are read too.
  if (typeof node.exclusiveMinimum === "number") min = Math.max(min, node.exclusiveMinimum + step);
  else if (node.exclusiveMinimum === true) min += step;
  if (typeof node.exclusiveMaximum === "number") max = Math.min(max, node.exclusiveMaximum - step);
  else if (node.exclusiveMaximum === true) max -= step;
  return { min, max };
}

function integerArbitrary(node: JsonSchema, at: string): fc.Arbitrary<number> {
  const { min, max } = bounds(node, true);
  const low = Math.ceil(min);
  const high = Math.floor(max);
  const multipleOf = node.multipleOf as number | undefined;
  if (multipleOf !== undefined) return multiples(multipleOf, low, high, at);
  if (low > high) throw new UnsupportedSchema("minimum", at, "no integer within the bounds");
  return fc.integer({ min: low, max: high });
}

function numberArbitrary(node: JsonSchema, at: string): fc.Arbitrary<number> {
  const { min, max } = bounds(node, false);
  const multipleOf = node.multipleOf as number | undefined;
  if (multipleOf !== undefined) return multiples(multipleOf, min, max, at);
  if (min > max) throw new UnsupportedSchema("minimum", at, "no number within the bounds");
  return fc.double({ noNaN: true, noDefaultInfinity: true, min, max });
}

/** k × multipleOf within the bounds, kept only when the division comes out whole in floating point (as Ajv checks). */
function multiples(multipleOf: number, min: number, max: number, at: string): fc.Arbitrary<number> {
  const low = Math.ceil(min / multipleOf);
  const high = Math.floor(max / multipleOf);
  if (!(multipleOf > 0) || low > high) throw new UnsupportedSchema("multipleOf", at, "no multiple within the bounds");
  const span = Math.min(high, low + 2 * defaultRange);
  return refusing(
    fc.integer({ min: Math.max(low, -Number.MAX_SAFE_INTEGER), max: span }).map((k) => k * multipleOf),
    (value) => Number.isInteger(value / multipleOf) && value >= min && value <= max,
    `multipleOf at ${at}`,
  );
}

const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
const dateText = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const hostLabel = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

/** Strings of a format OpenAPI or JSON Schema names; undefined for a format that is only an annotation here. */
function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case "date-time":
      return dateText;
    case "date":
      return dateText.map((text) => text.slice(0, 10));
    case "time":
      return fc.tuple(twoDigits(23), twoDigits(59), twoDigits(59)).map(([h, m, s]) => `${h}:${m}:${s}Z`);
    case "duration":
      return fc.tuple(fc.nat(30), fc.nat(23), fc.nat(59)).map(([d, h, m]) => `P${d}DT${h}H${m}M`);
    case "uuid":
      return fc.uuid();
    case "uri":
    case "url":
    case "iri":
      return fc.webUrl();
    case "uri-reference":
    case "iri-reference":
      return fc.oneof(
        fc.webUrl(),
        fc.webPath().map((path) => path || "/"),
      );
    case "uri-template":
      return fc.tuple(fc.webUrl(), hostLabel).map(([url, name]) => `${url.replace(/[?#].*$/, "")}/{${name}}`);
    case "email":
    case "idn-email":
      // fast-check's addresses follow RFC 5322/1123; each is checked with Ajv's format as well.
      return fc.emailAddress();
    case "hostname":
    case "idn-hostname":
      return fc.domain();
    case "ipv4":
      return fc.ipV4();
    case "ipv6":
      return fc.ipV6();
    case "byte":
      return fc.base64String({ maxLength: 40 });
    case "json-pointer":
      return fc.array(hostLabel, { maxLength: 4 }).map((steps) => steps.map((step) => `/${step}`).join(""));
    case "relative-json-pointer":
      return fc.tuple(fc.nat(5), hostLabel).map(([up, step]) => `${up}/${step}`);
    case "regex":
      return fc.constantFrom("^[a-z]+$", "\\d{3}", ".*");
    case "int32":
    case "int64":
      return fc.integer({ min: -defaultRange, max: defaultRange }).map(String);
    case "binary":
    case "password":
      return undefined; // any string is one
    default:
      return undefined;
  }
}

/** Order-independent JSON text, so `uniqueItems` compares as JSON Schema does ({a,b} equals {b,a}). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** For each branch, the discriminator's value that selects it: the mapping's key, else the component's name. */
function discriminatorValuesOf(
  discriminator: unknown,
  branches: Schema[],
): ({ property: string; value: string } | undefined)[] {
  const property = (discriminator as { propertyName?: unknown } | undefined)?.propertyName;
  if (typeof property !== "string") return branches.map(() => undefined);
  const mapping = ((discriminator as { mapping?: Record<string, string> }).mapping ?? {}) as Record<string, string>;
  return branches.map((branch) => {
    const ref = typeof branch === "object" && typeof branch.$ref === "string" ? branch.$ref : undefined;
    if (!ref) return undefined;
    const key = Object.entries(mapping).find(([, target]) => target === ref || ref.endsWith(`/${target}`))?.[0];
    return { property, value: key ?? ref.split("/").at(-1)! };
  });
}

const lowerBounds = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"];
const upperBounds = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"];

/**
 * Two schemas as one (for allOf): properties merged (a shared one as an allOf of both), required and the bounds
 * combined, types intersected, enums intersected. What this cannot combine (two patterns, two `not`s) keeps the
 * first; the caller checks every value against the original schema.
 */
export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...a };
  for (const [keyword, value] of Object.entries(b)) {
    const current = merged[keyword];
    if (current === undefined) {
      merged[keyword] = value;
      continue;
    }
    if (keyword === "properties") {
      const combined = { ...(current as Record<string, Schema>) };
      for (const [name, schema] of Object.entries(value as Record<string, Schema>))
        combined[name] = combined[name] === undefined ? schema : { allOf: [combined[name], schema] };
      merged.properties = combined;
    } else if (keyword === "required") {
      merged.required = [...new Set([...(current as string[]), ...(value as string[])])];
    } else if (keyword === "type") {
      const left = [current as string | string[]].flat();
      const right = [value as string | string[]].flat();
      const both = left.filter((type) => right.includes(type) || (type === "integer" && right.includes("number")));
      for (const type of right) if (type === "integer" && left.includes("number")) both.push("integer");
      merged.type = [...new Set(both)];
    } else if (keyword === "enum") {
      merged.enum = (current as unknown[]).filter((item) =>
        (value as unknown[]).some((other) => canonicalJson(other) === canonicalJson(item)),
      );
    } else if (lowerBounds.includes(keyword) && typeof value === "number") {
      merged[keyword] = Math.max(current as number, value);
    } else if (upperBounds.includes(keyword) && typeof value === "number") {
      merged[keyword] = Math.min(current as number, value);
    } else if (keyword === "additionalProperties" && (value === false || current === false)) {
      merged.additionalProperties = false;
    } else if (keyword === "allOf") {
      merged.allOf = [...(current as Schema[]), ...(value as Schema[])];
    } else if (keyword === "items" && typeof value === "object" && typeof current === "object") {
      merged.items = { allOf: [current, value] };
    }
  }
  return merged;
}
