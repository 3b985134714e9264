// The named schema types of generated/schemas.ts (`CustomerUpdate`) in generated/client.ts's method signatures, in
// place of openapi-typescript's indexed types (`NonNullable<paths["/customers/{id}"]["patch"]["requestBody"]>…`), so
// that editors and compiler messages show the names the package exports. openapi-typescript writes a schema that is a
// `$ref` to `#/components/schemas/<Name>` as `components["schemas"]["<Name>"]` whatever its siblings, which is exactly
// the type schemas.ts exports as `<Name>`.

type Json = any;

export interface SchemaTypeNames {
  /** `Name` when the schema is a `$ref` to a schema exported as `Name`, else `indexedType`. */
  typeOf(schemaOrRef: Json, indexedType: string): string;
  /** The names handed out so far, sorted: what client.ts imports from schemas.ts. */
  used(): string[];
}

/**
 * `exported`: the names generated/schemas.ts exports; `taken`: the names client.ts declares or uses itself, which an
 * import would shadow (such a schema keeps its indexed type).
 */
export function schemaTypeNames(exported: readonly string[], taken: ReadonlySet<string>): SchemaTypeNames {
  const importable = new Set(exported.filter((name) => !taken.has(name)));
  const used = new Set<string>();
  return {
    typeOf(schemaOrRef, indexedType) {
      const name = /^#\/components\/schemas\/([^/]+)$/.exec(String(schemaOrRef?.$ref))?.[1];
      if (name === undefined || !importable.has(name)) return indexedType;
      used.add(name);
      return name;
    },
    used: () => [...used].sort(),
  };
}
