// Loaded into Prism's own process (`node --import`, by prism-launcher.ts): every `sl-violations` header Prism sets
// goes out as ASCII-only JSON that fits (violations-header.ts says why an unknown body key could otherwise kill Prism).
import http from "node:http";
import { safeViolationsHeader } from "./violations-header.ts";

const setHeader = http.ServerResponse.prototype.setHeader;
http.ServerResponse.prototype.setHeader = function (name, value) {
  const safe =
    typeof value === "string" && name.toLowerCase() === "sl-violations" ? safeViolationsHeader(value) : value;
  return setHeader.call(this, name, safe);
};
