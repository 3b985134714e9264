// npm run build: the client package in dist/package/ (compiled client + client/package.json + client/README.md).

import { main, step } from "./lib/cli/steps.ts";
import { buildPackage, packageDir } from "./lib/codegen/build-package.ts";

main(async () => {
  await step("build the client package", () => buildPackage());
  console.log(
    `Package: ${packageDir}/  (npm pack ./${packageDir} makes the tarball; CI publishes it on a version tag)`,
  );
});
