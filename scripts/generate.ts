// npm run generate: openapi/ → generated/openapi.yaml, kirim-api.ts, client.ts and schemas.ts (lint first: a spec that
// fails lint generates nothing). All or nothing: on any error generated/ is left exactly as it was.

import { main } from "./lib/cli/steps.ts";
import { generateAll } from "./lib/codegen/generate.ts";

main(async () => {
  const changed = await generateAll("generated");
  console.log(
    changed.length > 0
      ? `Wrote ${changed.map((name) => `generated/${name}`).join(", ")}.`
      : "generated/ was already up to date.",
  );
});
