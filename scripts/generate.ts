// npm run generate: openapi/ → generated/openapi.yaml, kirim-api.ts, client.ts and schemas.ts (lint first: a spec that
// fails lint generates nothing). All or nothing: on any error generated/ is left exactly as it was.
// `-- --spec <file> --out <dir> [--config <redocly config>]` does the same for another single-file spec (the fixtures
// under test/fixtures/), linted with redocly/client-only.yaml unless --config says otherwise.

import { main, parseOptions, step } from "./lib/cli/steps.ts";
import { generateAll, writeGenerated } from "./lib/codegen/generate.ts";
import { clientOnlyConfig, generateFromSpecFile } from "./lib/codegen/spec-file.ts";

const usage =
  "Usage: npm run generate [-- --spec <openapi.yaml> --out <dir> [--config <redocly.yaml>]]  (default: openapi/ → generated/)";

main(async () => {
  const { values } = parseOptions(
    { options: { spec: { type: "string" }, out: { type: "string" }, config: { type: "string" } } },
    usage,
  );
  if ((values.spec === undefined) !== (values.out === undefined))
    throw new Error(`--spec and --out go together.\n${usage}`);
  const outDir = values.out ?? "generated";
  const changed = values.spec
    ? await writeGenerated(
        outDir,
        await step("lint, bundle and generate", () =>
          generateFromSpecFile(values.spec!, values.config ?? clientOnlyConfig, process.cwd(), outDir),
        ),
      )
    : await generateAll(outDir);
  console.log(
    changed.length > 0
      ? `Wrote ${changed.map((name) => `${outDir}/${name}`).join(", ")}.`
      : `${outDir}/ was already up to date.`,
  );
});
