// npm run diff:spec -- [--base <git ref>] [--allow-breaking "<reason>"] [--changelog]
//
// The breaking-change gate. Compares openapi/ at the base (default: the merge base with main) with the working copy
// using two engines, oasdiff and Optic (optic.yml, with our rules), and reports the union of their breaking findings,
// one line each: engine and rule, operation, what changed, where in openapi/, and the fix. Then version discipline:
// a breaking change needs a major bump of info.version and of client/package.json's version, an additive one a minor bump.
// Exit 1 on a breaking change unless --allow-breaking names a reason (printed in a banner), or on a missing bump.
import { appendFile } from "node:fs/promises";
import { main, parseOptions, StepFailed, step } from "./lib/cli/steps.ts";
import { type Base, resolveBase, specRootIn, withBaseTree } from "./lib/gate/base-ref.ts";
import { renderChangelog } from "./lib/gate/changelog.ts";
import { type Comparison, compareSpecTrees, type Finding } from "./lib/gate/compare-specs.ts";
import { type Bump, bumpProblem, requiredBump, type Versions, versionsOf } from "./lib/gate/version-bump.ts";

const usage = `Usage: npm run diff:spec -- [--base <git ref>] [--allow-breaking "<reason>"] [--changelog]

Compares openapi/ at a git ref with the working copy (uncommitted edits included) and fails on a breaking change
or on a version that does not match the change.

  --base <ref>                 what to compare with (default: the merge base of HEAD with main;
                               in a GitHub pull request, with origin/<base branch>)
  --allow-breaking "<reason>"  let intended breaking changes through; the reason (a sentence) is printed in a banner
  --changelog                  also print the API changelog (breaking / additive / documentation only)
  --help                       print this help

Version discipline: a breaking change needs a major bump of info.version (openapi/openapi.yaml) and of "version"
in client/package.json; an additive change at least a minor bump of both; documentation-only changes need none.
Set OASDIFF_BIN to use another oasdiff binary (on platforms npm installs none for).`;

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
    const comparison = await step("compare with oasdiff and optic", () =>
      compareSpecTrees(
        { rootFile: specRootIn(baseDir), label: base.label },
        { rootFile: specRootIn(process.cwd()), label: "working copy" },
      ),
    );
    const versions = await versionsOf(baseDir, process.cwd());
    const changelog = renderChangelog(comparison, {
      from: base.label,
      to: "working copy",
      specVersions: versions.spec,
    });
    if (values.changelog) console.log(`\n${changelog}`);
    if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, `${changelog}\n`);
    report(comparison, base, allowReason, versions);
  });
  if (!compared) console.log(`✔ ${base.label} has no openapi/: there is no published contract to break.`);
});

function findingLine(finding: Finding): string {
  return `[${finding.engine}: ${finding.rule}] ${finding.operation}: ${finding.message} — ${finding.location} — fix: ${finding.fix}`;
}

function report(comparison: Comparison, base: Base, allowReason: string | undefined, versions: Versions): void {
  const { breaking, excepted, changes } = comparison;
  console.log("");
  for (const finding of breaking) console.log(`✖ ${findingLine(finding)}`);
  for (const finding of excepted) console.log(`ℹ excepted ${findingLine(finding)} — why excepted: ${finding.excepted}`);
  const additive = changes.filter((change) => change.kind === "additive").length;
  const docs = changes.filter((change) => change.kind === "docs").length;
  console.log(
    `  ${breaking.length} breaking, ${additive} additive, ${docs} documentation-only change${docs === 1 ? "" : "s"} against ${base.label}.`,
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
        "Make the change additive instead (a new optional request field, a new response field, a new operation), or, if",
        'the break is intended and announced, bump the major versions and rerun with --allow-breaking "<reason>"',
        "(in CI: label the pull request breaking-change).",
      ].join("\n"),
    );
    throw new StepFailed("");
  }

  if (breaking.length > 0) banner(breaking.length, allowReason!);
  else {
    console.log(`✔ No breaking changes against ${base.label}.`);
    if (allowReason !== undefined) console.log("  (--allow-breaking was given but is not needed.)");
  }
  checkVersions(requiredBump(comparison), versions);
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

function checkVersions(bump: Bump, versions: Versions): void {
  if (bump === "none") {
    console.log("✔ Versions: no API change that needs a version bump.");
    return;
  }
  const problems = [
    bumpProblem("info.version (openapi/openapi.yaml)", versions.spec[0], versions.spec[1], bump),
    bumpProblem('"version" in client/package.json (the client package)', versions.client[0], versions.client[1], bump),
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length === 0) {
    console.log(
      `✔ Versions: ${bump} bump as the change needs (API ${versions.spec[0]} → ${versions.spec[1]}, client ${versions.client[0] ?? "?"} → ${versions.client[1] ?? "?"}).`,
    );
    return;
  }
  const why =
    bump === "major" ? "a breaking change needs a major bump" : "an additive change needs at least a minor bump";
  console.error(
    [`✖ Version discipline: ${why} of both versions.`, ...problems.map((problem) => `    ${problem}`)].join("\n"),
  );
  throw new StepFailed("");
}
