// npm run bundle: openapi/ → generated/openapi.yaml, one self-contained file.
import { bundle } from "./lib/generate.ts";
import { main, step } from "./lib/step.ts";

main(async () => {
  await step("bundle", () => bundle("generated"));
});
