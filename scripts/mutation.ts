// npm run test:mutation: StrykerJS over src/ with the client's tests (stryker.config.json), then the gate:
// score ≥ 95 %, every survivor listed in scripts/lib/mutation/survivors.txt with why it is harmless, none in guarded code.
// Extra arguments go to `stryker run` (e.g. `-- --incremental` to re-test only what changed since the last run).
import { readFile } from "node:fs/promises";
import { bin, run } from "./lib/cli/run-tools.ts";
import { main, StepFailed, step } from "./lib/cli/steps.ts";
import { guardedAreas } from "./lib/mutation/guarded.ts";
import { judge, type MutationReport, staleGuards } from "./lib/mutation/report-gate.ts";

const reportFile = "reports/mutation/mutation.json";
const acceptedFile = "scripts/lib/mutation/survivors.txt";

main(async () => {
  await step("guarded code still exists", async () => {
    const files = [...new Set(guardedAreas.map((area) => area.file))];
    const sources = Object.fromEntries(
      await Promise.all(
        files.map(async (file) => [file, await readFile(file, "utf8").catch(() => undefined)] as const),
      ),
    );
    const problems = staleGuards(guardedAreas, sources);
    if (problems.length > 0)
      throw new StepFailed(
        `scripts/lib/mutation/guarded.ts is out of date:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
      );
  });
  await step("stryker (mutation testing of src/)", async () => {
    const result = await run(bin("stryker"), ["run", "stryker.config.json", ...process.argv.slice(2)]);
    if (result.code !== 0) throw new StepFailed(`stryker exited with ${result.code}; its output is above.`);
  });
  await step("survivors gate", async () => {
    const report = JSON.parse(await readFile(reportFile, "utf8")) as MutationReport;
    const verdict = judge(report, await readFile(acceptedFile, "utf8"), guardedAreas);
    console.log(
      `mutation score ${verdict.score.toFixed(2)} %, ${verdict.survivors.length} survivors; HTML report: reports/mutation/index.html`,
    );
    if (verdict.problems.length > 0) {
      throw new StepFailed(`Mutation gate failed:\n${verdict.problems.map((problem) => `  - ${problem}`).join("\n")}`);
    }
  });
});
