// npm run generate: openapi/ → generated/openapi.yaml and generated/kirim-api.ts.
import { generateAll } from "./lib/generate.ts";
import { main } from "./lib/step.ts";

main(() => generateAll("generated"));
