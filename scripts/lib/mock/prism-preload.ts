// Loaded into Prism's own process (`node --import`, by prism-launcher.ts): every `sl-violations` header Prism sets
// goes out as ASCII-only JSON that fits (violations-header.ts says why an unknown body key could otherwise kill Prism),
// and Prism's parameter deserializers no longer throw on an absent or unsplittable parameter (prism-deserializers.ts).
import http from "node:http";
import { guardPrismDeserializers } from "./prism-deserializers.ts";
import { safeViolationsHeader } from "./violations-header.ts";

guardPrismDeserializers();

const setHeader = http.ServerResponse.prototype.setHeader;
http.ServerResponse.prototype.setHeader = function (name, value) {
  const safe =
    typeof value === "string" && name.toLowerCase() === "sl-violations" ? safeViolationsHeader(value) : value;
  return setHeader.call(this, name, safe);
};
