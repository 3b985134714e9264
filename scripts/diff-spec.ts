// npm run diff:spec -- [--base <git ref>] [--allow-breaking "<reason>"] [--changelog]
//
// The breaking-change gate. Compares openapi/ at the base (default: the merge base with main) with the working copy
// using two engines, redocly diff (redocly-diff.yaml) and oasdiff, plus our own rules, and reports the union of their breaking findings,
// one line each: engine and rule, operation, what changed, where in openapi/, and the fix. Beside them, the generated
// client's surface (engine `sdk`): a renamed or removed method, type or error code, a narrowed signature. Then version
// discipline: info.version moves with the wire, client/package.json's version with the larger of the wire and the
// client surface: major for a breaking change, at least minor for an additive one.
// Exit 1 on a breaking change unless --allow-breaking names a reason (printed in a banner), or on a missing bump.
import { appendFile } from "node:fs/promises";
import { main, parseOptions, StepFailed, step } from "./lib/cli/steps.ts";
import { type Base, resolveBase, specRootIn, withBaseTree } from "./lib/gate/base-ref.ts";
import { renderChangelog } from "./lib/gate/changelog.ts";
import type { Comparisons } from "./lib/gate/compare.ts";
import type { Finding } from "./lib/gate/compare-specs.ts";
import {
  type Bump,
  bumpProblem,
  clientBump,
  requiredBump,
  type Versions,
  versionsOf,
} from "./lib/gate/version-bump.ts";

const usage = `Usage: npm run diff:spec -- [--base <git ref>] [--allow-breaking "<reason>"] [--changelog]

Compares openapi/ at a git ref with the working copy (uncommitted edits included) and fails on a breaking change
or on a version that does not match the change.

  --base <ref>                 what to compare with (default: the merge base of HEAD with main;
                               in a GitHub pull request, with origin/<base branch>)
  --allow-breaking "<reason>"  let intended breaking changes through; the reason (a sentence) is printed in a banner
  --changelog                  also print the API changelog (breaking / additive / documentation only)
  --help                       print this help

Version discipline: a breaking change needs a major bump, an additive change at least a minor bump, documentation-only
changes none. info.version (openapi/openapi.yaml) follows the wire contract; "version" in client/package.json follows
the wire and the generated client's surface (a renamed method or type breaks callers with the wire unchanged).
Set OASDIFF_BIN to use another oasdiff binary (on platforms npm installs none for), and KIRIM_REDOCLY_DIFF=cli to
run redocly diff as its command line rather than in process.`;

const optionsConfig = {
  options: {
    base: { type: "string" },
    "allow-breaking": { type: "string" },
    changelog: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  allowPositionals: false,
} as const;

main(async () => {
  const { values } = parseOptions(optionsConfig, usage);
  if (values.help) {
    console.log(usage);
    return;
  }
  const allowReason = values["allow-breaking"];
  if (allowReason !== undefined && allowReason.trim().length < 10) {
    throw new StepFailed(
      '--allow-breaking needs a reason people can read, e.g. --allow-breaking "v2: status becomes an enum, announced in #123".',
    );
  }

  const base = await resolveBase(values.base);
  if (!base) return;
  console.log(`Comparing openapi/ at ${base.label} (${base.commit.slice(0, 12)}) with the working copy.`);

  const compared = await withBaseTree(base, async (baseDir) => {
    // Loaded here, not at the top: the engines and the generator are not needed for --help or a missing base.
    const { compareTrees } = await import("./lib/gate/compare.ts");
    const comparisons = await step("compare with redocly diff, oasdiff and the client surface", () =>
      compareTrees(
        { rootFile: specRootIn(baseDir), label: base.label },
        { rootFile: specRootIn(process.cwd()), label: "working copy" },
      ),
    );
    const versions = await versionsOf(baseDir, process.cwd());
    const changelog = renderChangelog(comparisons, {
      from: base.label,
      to: "working copy",
      specVersions: versions.spec,
      clientVersions: versions.client,
    });
    if (values.changelog) console.log(`\n${changelog}`);
    if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${changelog}\n`);
    report(comparisons, base, allowReason, versions);
  });
  if (!compared) console.log(`✔ ${base.label} has no openapi/: there is no published contract to break.`);
});

function findingLine(finding: Finding): string {
  return `[${finding.engine}: ${finding.rule}] ${finding.operation}: ${finding.message} — ${finding.location} — fix: ${finding.fix}`;
}

function report(comparisons: Comparisons, base: Base, allowReason: string | undefined, versions: Versions): void {
  const { wire, sdk } = comparisons;
  const breaking = [...wire.breaking, ...sdk.breaking];
  console.log("");
  for (const finding of breaking) console.log(`✖ ${findingLine(finding)}`);
  for (const finding of wire.excepted)
    console.log(`ℹ excepted ${findingLine(finding)} — why excepted: ${finding.excepted}`);
  const additive = wire.changes.filter((change) => change.kind === "additive").length;
  const docs = wire.changes.filter((change) => change.kind === "docs").length;
  console.log(
    `  ${wire.breaking.length} breaking, ${additive} additive, ${docs} documentation-only change${docs === 1 ? "" : "s"} against ${base.label}.`,
  );
  if (sdk.skipped) console.log(`! The client surface was not compared: ${sdk.skipped}`);
  else
    console.log(
      `  Client surface: ${sdk.breaking.length} breaking, ${sdk.changes.length} additive change${sdk.changes.length === 1 ? "" : "s"} for callers of @kirim/client.`,
    );

  if (breaking.length > 0 && allowReason === undefined) {
    const byRule = new Map<string, number>();
    for (const finding of breaking)
      byRule.set(`${finding.engine}: ${finding.rule}`, (byRule.get(`${finding.engine}: ${finding.rule}`) ?? 0) + 1);
    console.error(
      [
        `✖ ${breaking.length} breaking change${breaking.length === 1 ? "" : "s"} against ${base.label} (each listed above):`,
        ...[...byRule].map(([rule, count]) => `    ${String(count).padStart(2)} × ${rule}`),
        "",
        "Make the change additive instead (a new optional request field, a new response field, a new operation; for",
        "the client, keep its names: x-kirim-method keeps a method's), or, if the break is intended and announced,",
        'bump the major versions and rerun with --allow-breaking "<reason>" (in CI: label the pull request',
        "breaking-change).",
      ].join("\n"),
    );
    throw new StepFailed("");
  }

  if (breaking.length > 0) banner(breaking.length, allowReason!);
  else {
    console.log(`✔ No breaking changes against ${base.label}.`);
    if (allowReason !== undefined) console.log("  (--allow-breaking was given but is not needed.)");
  }
  checkVersions(requiredBump(wire), clientBump(wire, sdk), versions);
}

function banner(count: number, reason: string): void {
  const bar = "!".repeat(100);
  console.log(
    [
      "",
      bar,
      `!!  BREAKING CHANGES ALLOWED BY OVERRIDE: ${count} breaking change${count === 1 ? "" : "s"} accepted.`,
      `!!  Reason: ${reason.trim()}`,
      "!!  Clients built against the base spec may break: tell API consumers (npm run changelog).",
      bar,
    ].join("\n"),
  );
}

const why = {
  major: "a breaking change needs a major bump",
  minor: "an additive change needs at least a minor bump",
  none: "",
};
const needed = { major: "a major bump", minor: "at least a minor bump", none: "no bump" };

/** info.version must move as the wire needs (`apiBump`), the client package as its callers need (`packageBump`). */
function checkVersions(apiBump: Bump, packageBump: Bump, versions: Versions): void {
  if (apiBump === "none" && packageBump === "none") {
    console.log("✔ Versions: no API change that needs a version bump.");
    return;
  }
  const problems = [
    bumpProblem("info.version (openapi/openapi.yaml)", versions.spec[0], versions.spec[1], apiBump),
    bumpProblem(
      '"version" in client/package.json (the client package)',
      versions.client[0],
      versions.client[1],
      packageBump,
    ),
  ].filter((problem): problem is string => problem !== undefined);
  const moved = `API ${versions.spec[0]} → ${versions.spec[1]}, client ${versions.client[0] ?? "?"} → ${versions.client[1] ?? "?"}`;
  const needs =
    apiBump === packageBump
      ? `${apiBump} bump`
      : `${apiBump === "none" ? "no API bump" : `API ${apiBump} bump`}, client ${packageBump} bump`;
  if (problems.length === 0) {
    console.log(`✔ Versions: ${needs} as the change needs (${moved}).`);
    return;
  }
  const headline =
    apiBump === packageBump
      ? `${why[apiBump]} of both versions.`
      : `info.version needs ${needed[apiBump]} (the wire), the client package ${needed[packageBump]} (its callers' code).`;
  console.error([`✖ Version discipline: ${headline}`, ...problems.map((problem) => `    ${problem}`)].join("\n"));
  throw new StepFailed("");
}
