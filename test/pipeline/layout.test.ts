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

// generated/ is the spec's compiled form; it reaches into src/ in one place only: features.ts links the runtime's
// optional parts the spec needs (scripts/lib/codegen/README.md says why). Those parts must not lead back to
// generated/, or the spec's data would flow through src/ into itself.
const partsFile = "features.ts";

/**
 * Relative imports of a source text that link code (type-only ones carry nothing at run time), resolved against its
 * file (`.js` as the `.ts` it is).
 */
function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(/\b(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/g)]
    .filter((match) => !match[1])
    .map((match) => path.posix.join(path.posix.dirname(file), match[2]!).replace(/\.js$/, ".ts"));
}

/** What breaks the rule above in `generated` (a generated/ folder's files), given src/'s files. */
function generatedImportProblems(generated: SourceFile[], src: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const { file, text } of generated) {
    const fromSrc = importsOf(file, text).filter((target) => target.startsWith("src/"));
    if (fromSrc.length > 0 && path.posix.basename(file) !== partsFile)
      problems.push(`${file} imports ${fromSrc.join(", ")} (only ${partsFile} may import src/)`);
    // Everything a part imports, transitively, stays inside src/.
    const seen = new Set<string>();
    const queue = path.posix.basename(file) === partsFile ? [...fromSrc] : [];
    while (queue.length > 0) {
      const target = queue.shift()!;
      if (seen.has(target)) continue;
      seen.add(target);
      for (const next of importsOf(target, src.get(target) ?? "")) {
        if (next.startsWith("src/")) queue.push(next);
        else problems.push(`${file} links ${target}, which imports ${next} (a linked part imports src/ only)`);
      }
    }
  }
  return problems;
}

async function sourcesIn(folder: string): Promise<SourceFile[]> {
  const names = (await readdir(path.join(projectRoot, folder))).filter((name) => name.endsWith(".ts"));
  return Promise.all(
    names.map(async (name) => ({
      file: `${folder}/${name}`,
      text: await readFile(path.join(projectRoot, folder, name), "utf8"),
    })),
  );
}

test("generated/ imports src/ only in features.ts, and what it links leads nowhere but src/", async () => {
  const src = new Map((await sourcesIn("src")).map(({ file, text }) => [file, text]));
  const generated = [...(await sourcesIn("generated")), ...(await sourcesIn("test/fixtures/every-shape/generated"))];
  const linked = generated.flatMap(({ file, text }) => importsOf(file, text)).filter((to) => to.startsWith("src/"));
  expect(linked).toContain("src/body.ts");
  expect(generatedImportProblems(generated, src)).toEqual([]);
});

test("a generated file importing src/ outside features.ts, or a linked part leading back to generated/, is named", () => {
  const src = new Map([
    ["src/body.ts", 'import { isRecord } from "./is-record.js";'],
    ["src/is-record.ts", 'import { x } from "../generated/client.js";'],
    ["src/errors.ts", 'import type { KnownErrorCode } from "../generated/client.js";'],
  ]);
  const generated = [
    { file: "generated/client.ts", text: 'import { createKirimClient } from "../src/client.js";' },
    {
      file: "generated/features.ts",
      text: 'import { encodeForm } from "../src/body.js";\nimport { KirimError } from "../src/errors.js";',
    },
  ];
  expect(generatedImportProblems(generated, src)).toEqual([
    "generated/client.ts imports src/client.ts (only features.ts may import src/)",
    "generated/features.ts links src/is-record.ts, which imports generated/client.ts (a linked part imports src/ only)",
  ]);
});
