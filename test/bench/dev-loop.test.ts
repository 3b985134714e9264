// Smoke test of bench/dev-loop.ts on a 10-operation synthetic spec (one round, one CLI chain, no end-to-end run):
// it keeps the harness working and checks the shape of what it records. No timing is asserted.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

test("bench:dev-loop measures warm saves and the CLI chain, verifies each save, and writes its report", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-dev-loop-smoke-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const committed = await readFile(path.join(root, "bench/DEV-LOOP.md"), "utf8");
  const run = spawnSync(
    process.execPath,
    ["bench/dev-loop.ts", "--sizes", "10", "--saves", "1", "--cli-saves", "1", "--skip-ours", "--out", path.join(dir, "DEV-LOOP.md"), "--json", path.join(dir, "dev-loop.json")],
    { cwd: root, encoding: "utf8", timeout: 120_000 },
  );
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

  const results = JSON.parse(await readFile(path.join(dir, "dev-loop.json"), "utf8"));
  expect(results.cases).toHaveLength(1);
  const [synthetic] = results.cases;
  expect(synthetic).toMatchObject({ operations: 10, verified: true });
  for (const kind of ["description", "property"]) {
    expect(synthetic.warm[kind].warmTypes).toHaveLength(1);
    expect(synthetic.warm[kind].warmTypecheck).toHaveLength(1);
    expect(Object.keys(synthetic.warm[kind].stages).sort()).toEqual(["bundle", "generate", "lint", "typecheck", "write"]);
  }
  for (const tool of ["lint", "bundle", "types", "chain", "tsc"]) expect(synthetic.cli[tool]).toHaveLength(1);

  const report = await readFile(path.join(dir, "DEV-LOOP.md"), "utf8");
  expect(report).toContain("## Warm session vs the CLI chain, per size");
  expect(report).toContain("| synthetic, 10 operations | 10 |");
  expect(report).toContain("## How this was measured");
  expect(await readFile(path.join(root, "bench/DEV-LOOP.md"), "utf8")).toBe(committed); // it wrote elsewhere
});
