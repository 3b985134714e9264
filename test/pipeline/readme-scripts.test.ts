// package.json's scripts are the project's public interface, and the README's Scripts table is where they are
// listed: each script exactly once, and no row for a script that does not exist.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

/** The script of each row of the README's Scripts table (`npm test`, `npm run <name>`). */
function tableScripts(readme: string): string[] {
  return [...readme.matchAll(/^\| `npm (?:run )?([^` ]+)[^|]*\|/gm)].map((match) => match[1]!);
}

function scriptTableProblems(readme: string, scripts: string[]): string[] {
  const listed = tableScripts(readme);
  return [
    ...scripts
      .filter((name) => !listed.includes(name))
      .map((name) => `package.json script "${name}" has no row in the README's Scripts table`),
    ...listed
      .filter((name) => !scripts.includes(name))
      .map((name) => `the README lists "${name}", which package.json does not define`),
    ...listed.filter((name, index) => listed.indexOf(name) !== index).map((name) => `the README lists "${name}" twice`),
  ];
}

test("the README's Scripts table lists every package.json script exactly once", async () => {
  const [readme, manifest] = await Promise.all([
    readFile(path.join(projectRoot, "README.md"), "utf8"),
    readFile(path.join(projectRoot, "package.json"), "utf8"),
  ]);
  const scripts = Object.keys((JSON.parse(manifest) as { scripts: Record<string, string> }).scripts);
  expect(scriptTableProblems(readme, scripts)).toEqual([]);
  expect(tableScripts(readme).length).toBe(scripts.length);
});

test("a missing, unknown or repeated row is reported", () => {
  const readme = [
    "| script | what it does |",
    "| `npm test` | all |",
    "| `npm run lint` | a |",
    "| `npm run lint` | again |",
    "| `npm run gone` | old |",
  ].join("\n");
  expect(scriptTableProblems(readme, ["test", "lint", "docs"])).toEqual([
    'package.json script "docs" has no row in the README\'s Scripts table',
    'the README lists "gone", which package.json does not define',
    'the README lists "lint" twice',
  ]);
});
