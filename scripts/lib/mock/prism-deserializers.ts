// Prism 5.16's parameter deserializers (prism-http's validator/deserializers) throw on a request that lacks an
// optional parameter of array or object type ("Cannot read properties of undefined (reading 'split')" for an absent
// `simple` header), or that sends a value their style cannot split. The throw escapes Prism's request handler and
// kills Prism. Loaded into Prism's process (prism-preload.ts), this wraps each deserializer: an absent header or path
// parameter stays absent (Prism's own `required` check then judges it; query styles such as deepObject read other
// keys than the name, so there absence is theirs to judge), and a value a deserializer cannot split is passed on as
// sent, so its schema check reports it as a violation instead.
import { createRequire } from "node:module";

type Deserializer = (name: string, parameters: Record<string, unknown>, ...rest: unknown[]) => unknown;

const require = createRequire(import.meta.url);

function safe(deserializer: Deserializer, keyedByName: boolean): Deserializer {
  return (name, parameters, ...rest) => {
    if (keyedByName && parameters?.[name] === undefined) return undefined;
    try {
      return deserializer(name, parameters, ...rest);
    } catch {
      return parameters[name];
    }
  };
}

/** Wraps every deserializer Prism looks up by location and style; returns how many were wrapped. */
export function guardPrismDeserializers(): number {
  const registry = require("@stoplight/prism-http/dist/validator/deserializers/index.js") as Record<
    string,
    Record<string, Deserializer>
  >;
  let wrapped = 0;
  const seen = new Set<object>(); // `body` is the same table as `query`
  for (const [location, byStyle] of Object.entries(registry)) {
    if (!byStyle || typeof byStyle !== "object" || seen.has(byStyle)) continue;
    seen.add(byStyle);
    for (const [style, deserializer] of Object.entries(byStyle)) {
      if (typeof deserializer !== "function") continue;
      byStyle[style] = safe(deserializer, location === "header" || location === "path");
      wrapped++;
    }
  }
  return wrapped;
}
