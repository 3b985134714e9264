// The client-surface benchmark runs end to end (--quick: 10 and 20 operations, one short round) and writes a report
// with every figure in place. Never asserts a timing.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot, runCommand } from "../support/project-copy.ts";

test("bench:surface --quick writes size, build-time and per-call figures", { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-bench-surface-"));
  try {
    const out = path.join(dir, "report.md");
    const run = await runCommand(process.execPath, [path.join(projectRoot, "bench/client-surface.ts"), "--quick", "--baseline", "HEAD", "--out", out], projectRoot);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const report = await readFile(out, "utf8");
    expect(report).toMatch(/Each added operation costs \*\*-?\d+(\.\d)? B\*\* min\+gzip/);
    expect(report).toMatch(/\| 20 \| \d+ \| \d+ \| \d+\.\d\d× \|/);
    expect(report).toMatch(/Ratio this \/ baseline: \*\*\d+\.\d{3}×\*\*/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
