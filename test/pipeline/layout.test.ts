// The tree names the architecture (scripts/lib/README.md): one folder per subsystem, each with a README, and imports
// that run one way only. A folder importing from one after it in the data flow fails here, naming file and import.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

const lib = "scripts/lib";

/** What each subsystem may import besides its own files: folders of scripts/lib/, or `src` and `generated`. */
const mayImport: Record<string, string[]> = {
  cli: [],
  spec: ["cli"],
  codegen: ["cli", "spec", "src"],
  pipeline: ["cli", "spec", "codegen"],
  gate: ["cli", "spec", "codegen"],
  mock: ["cli", "generated"],
  mutation: [],
};

interface SourceFile {
  file: string;
  text: string;
}

/** The subsystem (or top-level folder) a project path belongs to: `scripts/lib/spec/lint.ts` → `spec`. */
function ownerOf(relative: string): string {
  const parts = relative.split("/");
  return relative.startsWith(`${lib}/`) ? parts[2]! : parts[0]!;
}

function layoutProblems(files: SourceFile[]): string[] {
  const problems: string[] = [];
  for (const { file, text } of files) {
    const owner = ownerOf(file);
    for (const [, specifier] of text.matchAll(/\bfrom\s+"(\.{1,2}\/[^"]+)"/g)) {
      const target = ownerOf(path.posix.join(path.posix.dirname(file), specifier!));
      if (target !== owner && !mayImport[owner]?.includes(target)) {
        problems.push(`${file} imports ${specifier} (${owner}/ may import ${mayImport[owner]?.join(", ") || "none"})`);
      }
    }
  }
  return problems;
}

async function libSources(): Promise<SourceFile[]> {
  const entries = await readdir(path.join(projectRoot, lib), { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(projectRoot, file), "utf8") })));
}

test("every subsystem of scripts/lib/ has its rule and its README, and nothing lies loose beside them", async () => {
  const entries = await readdir(path.join(projectRoot, lib), { withFileTypes: true });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  expect(folders.sort()).toEqual(Object.keys(mayImport).sort());
  expect(entries.filter((entry) => entry.isFile()).map((entry) => entry.name)).toEqual(["README.md"]);
  const readme = await readFile(path.join(projectRoot, lib, "README.md"), "utf8");
  for (const folder of folders) {
    expect(readme).toContain(`[\`${folder}/\`](${folder}/README.md)`);
    await expect(readFile(path.join(projectRoot, lib, folder, "README.md"), "utf8")).resolves.toMatch(/^# /);
  }
});

test("imports in scripts/lib/ run one way", async () => {
  const files = await libSources();
  expect(files.length).toBeGreaterThan(20);
  expect(layoutProblems(files)).toEqual([]);
});

test("an import against the flow is named with its file", () => {
  const files = [
    { file: "scripts/lib/spec/lint.ts", text: 'import { generate } from "../codegen/generate.ts";' },
    { file: "scripts/lib/cli/steps.ts", text: 'import type { paths } from "../../../generated/kirim-api.ts";' },
    {
      file: "scripts/lib/gate/policy.ts",
      text: 'import { step } from "../cli/steps.ts";\nimport { x } from "./own.ts";',
    },
  ];
  expect(layoutProblems(files)).toEqual([
    "scripts/lib/spec/lint.ts imports ../codegen/generate.ts (spec/ may import cli)",
    "scripts/lib/cli/steps.ts imports ../../../generated/kirim-api.ts (cli/ may import none)",
  ]);
});
