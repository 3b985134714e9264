// npm run changelog -- [--base <git ref>]
//
// The API changelog between openapi/ at the base (default: the merge base with main) and the working copy, grouped
// breaking / additive / documentation only, then per method of @kirim/client, as Markdown for a release note. The
// same engines and client-surface comparison as diff:spec; it reports and never fails on a breaking change (diff:spec
// is the gate).

import { main, parseOptions } from "./lib/cli/steps.ts";
import { resolveBase, specRootIn, withBaseTree } from "./lib/gate/base-ref.ts";
import { renderChangelog } from "./lib/gate/changelog.ts";
import { versionsOf } from "./lib/gate/version-bump.ts";

const usage = `Usage: npm run changelog -- [--base <git ref>]

Prints the API changelog (Markdown) between openapi/ at a git ref (default: the merge base of HEAD with main)
and the working copy, grouped breaking / additive / documentation only, then what changed for callers of
@kirim/client, method by method.`;

main(async () => {
  const { values } = parseOptions(
    { options: { base: { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: false },
    usage,
  );
  if (values.help) {
    console.log(usage);
    return;
  }
  const base = await resolveBase(values.base);
  if (!base) return;
  const compared = await withBaseTree(base, async (baseDir) => {
    // Loaded here, not at the top: the engines and the generator are not needed for --help or a missing base.
    const { compareTrees } = await import("./lib/gate/compare.ts");
    const comparisons = await compareTrees(
      { rootFile: specRootIn(baseDir), label: base.label },
      { rootFile: specRootIn(process.cwd()), label: "working copy" },
    );
    const { spec, client } = await versionsOf(baseDir, process.cwd());
    console.log(
      renderChangelog(comparisons, {
        from: base.label,
        to: "working copy",
        specVersions: spec,
        clientVersions: client,
      }),
    );
  });
  if (!compared) console.log(`${base.label} has no openapi/: everything in the working copy is new.`);
});
