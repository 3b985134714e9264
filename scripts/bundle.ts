// npm run bundle: openapi/ → generated/openapi.yaml, one self-contained file.

import { main, step } from "./lib/cli/steps.ts";
import { bundle } from "./lib/codegen/generate.ts";

main(async () => {
  await step("bundle", () => bundle("generated"));
});
