// spec-reads.ts: one judgement reads a tree once, and the next judgement sees the files as they are now.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { specReads } from "../../scripts/lib/gate/spec-reads.ts";

const folder = await mkdtemp(path.join(tmpdir(), "kirim-spec-reads-"));
afterAll(() => rm(folder, { recursive: true, force: true }));
const rootFile = path.join(folder, "openapi.yaml");
const spec = (title: string) => `openapi: 3.1.0\ninfo:\n  title: ${title}\n  version: 1.0.0\npaths: {}\n`;

test("a tree is bundled and each file parsed once per judgement; a new judgement reads the rewritten files", async () => {
  await writeFile(rootFile, spec("First"));
  const reads = specReads(rootFile);
  const [bundled, parsed] = [await reads.bundle(), await reads.yaml(rootFile)];
  expect(parsed.info.title).toBe("First");
  await writeFile(rootFile, spec("Second"));
  expect(await reads.bundle()).toBe(bundled);
  expect(await reads.yaml(rootFile)).toBe(parsed);

  const next = specReads(rootFile);
  expect(((await next.bundle()) as { info: { title: string } }).info.title).toBe("Second");
  expect((await next.yaml(rootFile)).info.title).toBe("Second");
});

test("a file that is missing or not YAML reads as undefined, not a crash", async () => {
  const broken = path.join(folder, "broken.yaml");
  await writeFile(broken, "a: [unclosed\n");
  const reads = specReads(rootFile);
  expect(await reads.yaml(broken)).toBeUndefined();
  expect(await reads.yaml(path.join(folder, "missing.yaml"))).toBeUndefined();
});
