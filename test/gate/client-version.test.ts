// The client package's version lives in client/package.json; a base from before it got its own manifest kept it in
// the root package.json. The breaking-change gate's version discipline reads whichever the tree has.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { packageVersion } from "../../scripts/lib/gate/version-bump.ts";

let dir: string | undefined;
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

test("client/package.json wins over the root package.json", async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kirim-version-"));
  await mkdir(path.join(dir, "client"));
  await writeFile(path.join(dir, "client/package.json"), JSON.stringify({ name: "@kirim/client", version: "0.3.0" }));
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "kirim-api", private: true }));
  expect(await packageVersion(dir)).toBe("0.3.0");
});

test("an older tree with the version in the root package.json still has one, and a tree with neither has none", async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kirim-version-"));
  expect(await packageVersion(dir)).toBeUndefined();
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "@kirim/client", version: "0.1.0" }));
  expect(await packageVersion(dir)).toBe("0.1.0");
});
