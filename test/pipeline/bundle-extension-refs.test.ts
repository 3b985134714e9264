// The bundle is self-contained (scripts/lib/spec/extension-refs.ts): a `$ref` inside a vendor extension, at any depth
// and in any file, is inlined as the content it points to, so no `$ref` in the bundle points outside it. Redocly's own
// bundle of the same copy keeps them, which shows the check can fail; a missing or circular target is a clear error.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { bundle as redoclyBundle } from "@redocly/openapi-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bundleSpec, openSpecProject, specRoot } from "../../scripts/lib/spec/redocly-project.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";

/** Each `$ref` in `document` that does not point inside it (`#/…`), with where it sits. */
function outsideRefs(document: unknown, at = "#"): string[] {
  if (document === null || typeof document !== "object") return [];
  const own = (document as { $ref?: unknown }).$ref;
  const here = typeof own === "string" && !own.startsWith("#/") ? [`${at}: ${own}`] : [];
  return here.concat(
    Object.entries(document).flatMap(([key, value]) => outsideRefs(value, `${at}/${key.replaceAll("/", "~1")}`)),
  );
}

let copy: ProjectCopy;
beforeAll(async () => {
  copy = await copyProject();
  await mkdir(copy.file("openapi/docs"));
  await copy.write("openapi/docs/intro.md", "# Introduction\n\nWelcome.\n");
  await copy.write(
    "openapi/docs/topics.yaml",
    "sections:\n  body:\n    $ref: ./intro.md\n  again:\n    $ref: '#/title'\ntitle: Topics\n",
  );
  await copy.edit(
    "openapi/openapi.yaml",
    /^info:\n/m,
    "x-topics:\n  - title: Intro\n    content:\n      $ref: docs/intro.md\n  - content:\n      $ref: docs/topics.yaml#/sections\ninfo:\n",
  );
  await copy.edit(
    "openapi/paths/customers_{id}.yaml",
    /^patch:\n/m,
    "patch:\n  x-guides:\n    - page:\n        $ref: ../docs/intro.md\n",
  );
});
afterAll(() => copy?.remove());

test("Redocly's bundle alone keeps the $refs nested in extensions, pointing outside the bundle", async () => {
  const project = await openSpecProject(copy.dir);
  const result = await redoclyBundle({ ref: path.join(copy.dir, specRoot), config: project.config });
  expect(outsideRefs(result.bundle.parsed)).toEqual([
    "#/x-topics/0/content: docs/intro.md",
    "#/x-topics/1/content: docs/topics.yaml#/sections",
    "#/paths/~1customers~1{id}/patch/x-guides/0/page: ../docs/intro.md",
  ]);
});

test("npm run bundle inlines them: text as text, YAML as its value with its own $refs resolved", async () => {
  const document = (await bundleSpec(await openSpecProject(copy.dir))) as Record<string, any>;
  expect(outsideRefs(document)).toEqual([]);
  expect(document["x-topics"]).toEqual([
    { title: "Intro", content: "# Introduction\n\nWelcome.\n" },
    { content: { body: "# Introduction\n\nWelcome.\n", again: "Topics" } },
  ]);
  expect(document.paths["/customers/{id}"].patch["x-guides"]).toEqual([{ page: "# Introduction\n\nWelcome.\n" }]);
});

test("a $ref in an extension to a missing file, or in a circle, fails naming the file and the $ref", async () => {
  await copy.edit("openapi/openapi.yaml", "$ref: docs/intro.md", "$ref: docs/missing.md");
  await expect(bundleSpec(await openSpecProject(copy.dir))).rejects.toThrow(
    "openapi/openapi.yaml: $ref docs/missing.md cannot be bundled: ENOENT: no such file or directory 'openapi/docs/missing.md'",
  );
  await copy.edit("openapi/openapi.yaml", "$ref: docs/missing.md", "$ref: docs/intro.md");
  await copy.write("openapi/docs/topics.yaml", "sections:\n  loop:\n    $ref: '#/sections'\n");
  await expect(bundleSpec(await openSpecProject(copy.dir))).rejects.toThrow(
    "openapi/docs/topics.yaml: $ref #/sections is circular (openapi/docs/topics.yaml#/sections → openapi/docs/topics.yaml#/sections)",
  );
});
