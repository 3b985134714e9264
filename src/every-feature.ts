// Every optional part of the runtime (src/features.ts), for the runtime's own tests, which drive tables of their own.
// The package never imports it: a client links only what its spec needs (generated/features.ts).
import { basicCredential, cookieCredential, queryCredential } from "./auth.js";
import { encodeBinary, encodeForm, encodeMultipart, encodeText } from "./body.js";
import type { RuntimeFeatures } from "./features.js";
import { parameterStyles } from "./params.js";
import { readAuto, readBlob } from "./response.js";

export const everyFeature: RuntimeFeatures = {
  bodyEncoders: { multipart: encodeMultipart, form: encodeForm, binary: encodeBinary, text: encodeText },
  readers: { blob: readBlob, auto: readAuto },
  parameters: parameterStyles,
  basic: basicCredential,
  apiKeyIn: { query: queryCredential, cookie: cookieCredential },
};
