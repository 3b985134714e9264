// npm run diff:spec [-- --base <git ref>] [-- --allow-breaking "<reason>"]
//
// The breaking-change gate. Bundles openapi/ as it was at the base (default: the merge base with main) and as it is in
// the working copy, then lets Optic (optic.yml: its `breaking-changes` standard plus our request rule) judge the
// difference. Exit 1 on a breaking change unless --allow-breaking names a reason, which is printed in a banner.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { bundleFile, specRoot } from "./lib/generate.ts";
import { StepFailed, main, step } from "./lib/step.ts";
import { bin, projectRoot, quietEnv, run } from "./lib/tools.ts";

/** Where the base's spec files live; these are what `git archive` extracts for the base bundle. */
const specInputs = ["openapi", "redocly.yaml", "redocly", "package.json"];
const opticStandard = path.join(projectRoot, "optic.yml");
const opticCli = path.join(path.dirname(createRequire(import.meta.url).resolve("@useoptic/optic/package.json")), "build/index.js");
// CI unset: in CI mode Optic writes ci-run-details.json into its working directory, the project root.
const opticEnv: NodeJS.ProcessEnv = { ...quietEnv, CI: undefined, OPTIC_TELEMETRY_LEVEL: "off", NO_UPDATE_NOTIFIER: "1", NO_COLOR: "1", FORCE_COLOR: "0" };

interface Base {
  /** What the user sees: `merge base with main`, `HEAD`, `v1.2.0`. */
  label: string;
  commit: string;
}

interface Finding {
  operation: string;
  rule: string;
  message: string;
}

main(async () => {
  const { values } = parseArgs({
    options: { base: { type: "string" }, "allow-breaking": { type: "string" } },
    allowPositionals: false,
  });
  const allowReason = values["allow-breaking"];
  if (allowReason !== undefined && allowReason.trim().length < 10) {
    throw new StepFailed('--allow-breaking needs a reason people can read, e.g. --allow-breaking "v2: status becomes an enum, announced in #123".');
  }

  const base = await resolveBase(values.base);
  if (!base) return;
  console.log(`Comparing openapi/ at ${base.label} (${base.commit.slice(0, 12)}) with the working copy.`);

  const work = await mkdtemp(path.join(tmpdir(), "kirim-diff-spec-"));
  try {
    const baseSpec = await step(`bundle base spec (${base.label})`, () => bundleAtCommit(base.commit, work));
    if (!baseSpec) {
      console.log(`✔ ${base.label} has no ${specRoot}: there is no published contract to break.`);
      return;
    }
    const headSpec = await step("bundle working copy", () => bundleWorkingCopy(work));
    const verdict = await step("compare with optic", () => compare(baseSpec, headSpec));
    report(verdict, base, allowReason);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

// ── base ref ────────────────────────────────────────────────────────────────────────────────────────────────────────

async function git(args: string[]): Promise<{ code: number; out: string }> {
  const result = await run("git", args, { quiet: true });
  return { code: result.code, out: result.output.trim() };
}

async function commitOf(ref: string): Promise<string | undefined> {
  const result = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.code === 0 ? result.out : undefined;
}

async function resolveBase(explicit: string | undefined): Promise<Base | undefined> {
  if ((await git(["rev-parse", "--is-inside-work-tree"])).code !== 0) {
    throw new StepFailed("diff:spec compares openapi/ with a git ref, but this directory is not in a git repository.");
  }
  if (explicit !== undefined) {
    const commit = await commitOf(explicit);
    if (!commit) throw new StepFailed(`--base ${explicit} is not a commit in this repository (for a pull request, fetch it first: git fetch origin ${explicit.replace(/^origin\//, "")}).`);
    return { label: explicit, commit };
  }
  const head = await commitOf("HEAD");
  if (!head) {
    console.log("✔ No commits yet: there is no earlier spec to break, so there is nothing to compare. (Pass --base <ref> to compare with one.)");
    return undefined;
  }
  // On a pull request in GitHub Actions the target branch is GITHUB_BASE_REF; locally it is main.
  const targets = [process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : undefined, "main", "origin/main"].filter(
    (ref): ref is string => ref !== undefined,
  );
  for (const target of targets) {
    if (!(await commitOf(target))) continue;
    const mergeBase = await git(["merge-base", "HEAD", target]);
    if (mergeBase.code === 0 && mergeBase.out) return { label: `merge base with ${target}`, commit: mergeBase.out };
  }
  console.log(
    `! No merge base with main: no ${targets.join(" or ")} branch shares history with HEAD.\n` +
      "  Falling back to HEAD, so only uncommitted edits are checked. Pass --base <ref> to choose what to compare with.",
  );
  return { label: "HEAD", commit: head };
}

// ── bundles ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** Extracts the spec inputs at `commit` with `git archive` and bundles them; undefined when the commit has no spec. */
async function bundleAtCommit(commit: string, work: string): Promise<string | undefined> {
  const tree = path.join(work, "base-tree");
  await mkdir(tree, { recursive: true });
  const listed = await git(["ls-tree", "--name-only", commit, "--", ...specInputs]);
  const present = listed.out.split("\n").filter(Boolean);
  if (!present.includes("openapi")) return undefined;
  await extract(commit, present, tree);
  return bundleIn(tree, path.join(work, "base"));
}

function extract(commit: string, paths: string[], into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn("git", ["archive", "--format=tar", commit, "--", ...paths], { stdio: ["ignore", "pipe", "pipe"] });
    const untar = spawn("tar", ["-x", "-C", into], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    archive.stderr.on("data", (chunk: Buffer) => (errors += chunk));
    untar.stderr.on("data", (chunk: Buffer) => (errors += chunk));
    archive.stdout.pipe(untar.stdin);
    archive.on("error", reject);
    untar.on("error", reject);
    untar.on("close", (code) => (code === 0 ? resolve() : reject(new StepFailed(`git archive ${commit} failed:\n${errors.trim()}`))));
  });
}

async function bundleWorkingCopy(work: string): Promise<string> {
  return bundleIn(process.cwd(), path.join(work, "working-copy"));
}

/** `redocly bundle` run in `projectDir` (so its redocly.yaml applies), then prepared for Optic. */
async function bundleIn(projectDir: string, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const out = path.join(outDir, bundleFile);
  const result = await run(bin("redocly"), ["bundle", specRoot, "--output", out], { cwd: projectDir, quiet: true });
  if (result.code !== 0) throw new StepFailed(`redocly bundle failed in ${projectDir}:\n${result.output.trim()}`);
  // Optic 1.0.9's OpenAPI 3.1 schema predates `jsonSchemaDialect` and rejects the document for it. The dialect does
  // not change the API surface Optic compares, so drop it here (only in this temp copy).
  const document = parse(await readFile(out, "utf8")) as Record<string, unknown>;
  delete document.jsonSchemaDialect;
  await writeFile(out, stringify(document, { lineWidth: 0 }));
  return out;
}

// ── optic ───────────────────────────────────────────────────────────────────────────────────────────────────────────

interface Verdict {
  findings: Finding[];
  changed: string;
  output: string;
}

async function compare(baseSpec: string, headSpec: string): Promise<Verdict> {
  // cwd = projectRoot: Optic resolves the local ruleset named in optic.yml relative to the optic.yml it detects there.
  const result = await run(process.execPath, [opticCli, "diff", baseSpec, headSpec, "--check", "--standard", opticStandard], {
    cwd: projectRoot,
    quiet: true,
    env: opticEnv,
  });
  const output = result.output.replace(/\x1b\[[0-9;]*m/g, "");
  if (/Constructing ruleset .* failed|Ruleset .* does not exist|invalid openapi|Error opening file/i.test(output)) {
    throw new StepFailed(`optic diff could not judge the change (exit ${result.code}):\n${output.trim()}`);
  }
  const findings = parseFindings(output);
  if (result.code !== 0 && findings.length === 0) {
    throw new StepFailed(`optic diff failed (exit ${result.code}) without naming a breaking change:\n${output.trim()}`);
  }
  const changed = /Operations: (.*)/.exec(output)?.[1]?.trim() ?? "";
  return { findings, changed, output };
}

/** Optic's human output: `x PATCH /customers/{id}:` then, nested, `x [rule name] message`. */
function parseFindings(output: string): Finding[] {
  const findings: Finding[] = [];
  let operation = "(specification)";
  for (const line of output.split("\n")) {
    const op = /^\s*[x✔]\s+((?:GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) \S+):/.exec(line);
    if (op?.[1]) operation = op[1];
    const failed = /^\s*x \[([^\]]+)\] (.*)$/.exec(line);
    if (failed?.[1] && failed[2]) findings.push({ operation, rule: failed[1], message: failed[2].trim() });
  }
  return findings;
}

function report(verdict: Verdict, base: Base, allowReason: string | undefined): void {
  console.log(`\n${cleanOpticOutput(verdict.output, base)}\n`);

  const { findings } = verdict;
  if (findings.length === 0) {
    console.log(`✔ No breaking changes against ${base.label}${verdict.changed ? ` (${verdict.changed.toLowerCase()})` : ""}.`);
    if (allowReason !== undefined) console.log("  (--allow-breaking was given but is not needed.)");
    return;
  }

  const byRule = new Map<string, number>();
  for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  const summary = [`✖ ${findings.length} breaking change${findings.length === 1 ? "" : "s"} against ${base.label} (details above):`];
  for (const [rule, count] of byRule) summary.push(`    ${String(count).padStart(2)} × ${rule}`);
  if (allowReason === undefined) {
    summary.push(
      "",
      "Make the change additive instead (a new optional request field, a new response field, a new operation), or, if",
      'the break is intended and announced, rerun with --allow-breaking "<reason>" (in CI: label the pull request breaking-change).',
    );
    console.error(summary.join("\n"));
    throw new StepFailed("");
  }
  console.log(summary.join("\n"));
  const bar = "!".repeat(100);
  console.log(
    [
      "",
      bar,
      `!!  BREAKING CHANGES ALLOWED BY OVERRIDE: ${findings.length} breaking change${findings.length === 1 ? "" : "s"} accepted.`,
      `!!  Reason: ${allowReason.trim()}`,
      "!!  Clients built against the base spec may break: bump info.version's major and tell API consumers.",
      bar,
    ].join("\n"),
  );
}

/** Optic's report without what points into our temp dir (gone once we exit) or at its web view. */
function cleanOpticOutput(output: string, base: Base): string {
  return output
    .split("\n")
    .filter((line) => !/--web flag/.test(line) && !/^\s*at \S+openapi\.yaml:\d+:\d+\s*$/.test(line) && line.trim() !== "")
    .map((line) => line.replace(/ \S*kirim-diff-spec-[^/\s]+\/base\/openapi\.yaml/, ` (openapi/ at ${base.label} → working copy)`))
    .join("\n")
    .trimEnd();
}
