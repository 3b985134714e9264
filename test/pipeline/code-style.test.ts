// The code-style gate (`npm run lint:code`, Biome with biome.jsonc): the project passes, and a file that breaks the
// formatting or a lint rule fails it, named.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { bin, projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { runCommand } from "../helpers/run.ts";

/** The gate's own command, from package.json (after the Node guard), so these tests break if it stops checking. */
async function lintCodeCommand(): Promise<{ tool: string; args: string[] }> {
  const { scripts } = JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [tool, ...args] = scripts["lint:code"]!.replace(/^node scripts\/require-node\.mjs && /, "").split(" ");
  return { tool: tool!, args };
}

test("the project's code passes `npm run lint:code`", async () => {
  const { tool, args } = await lintCodeCommand();
  expect(tool).toBe("biome");
  const result = await runCommand(bin(tool), args, projectRoot);
  expect(result.code, result.stdout + result.stderr).toBe(0);
});

test.each([
  ["badly formatted", "export const  answer = { a:1 }\n", /format/i],
  [
    "a lint rule broken",
    "export function f(x: number) {\n  if ((x = 2)) return x;\n  return 0;\n}\n",
    /noAssignInExpressions/,
  ],
  [
    "imports out of order",
    'import { b } from "./b.ts";\nimport { a } from "./a.ts";\n\nexport const c = [a, b];\n',
    /organizeImports/,
  ],
])("a file %s fails it, named", async (_label, source, problem) => {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-code-style-"));
  try {
    await cp(path.join(projectRoot, "biome.jsonc"), path.join(dir, "biome.jsonc"));
    await writeFile(path.join(dir, "broken.ts"), source);
    const { tool, args } = await lintCodeCommand();
    // The copy is not a git repository, so Biome's .gitignore support is off there.
    const result = await runCommand(bin(tool), [...args, "--vcs-enabled=false"], dir);
    const output = result.stdout + result.stderr;
    expect(result.code, output).not.toBe(0);
    expect(output).toContain("broken.ts");
    expect(output).toMatch(problem);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
