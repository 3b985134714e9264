// Every optional part of the runtime (src/features.ts), for the runtime's own tests, which drive tables of their own.
// The package never imports it: a client links only what its spec needs (generated/features.ts).
import { basicCredential, cookieCredential, queryCredential } from "../../src/auth.ts";
import { encodeBinary, encodeForm, encodeMultipart, encodeText } from "../../src/body.ts";
import type { RuntimeFeatures } from "../../src/features.ts";
import { paginated } from "../../src/pagination.ts";
import { parameterStyles } from "../../src/params.ts";
import { readAuto, readBlob } from "../../src/response.ts";

export const everyFeature: RuntimeFeatures = {
  bodyEncoders: { multipart: encodeMultipart, form: encodeForm, binary: encodeBinary, text: encodeText },
  readers: { blob: readBlob, auto: readAuto },
  parameters: parameterStyles,
  basic: basicCredential,
  paginated,
  apiKeyIn: { query: queryCredential, cookie: cookieCredential },
};
