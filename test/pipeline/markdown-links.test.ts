// The READMEs and docs/ link to each other and to the code by relative path and #anchor: every such link must lead
// somewhere, so moving or renaming a file or a heading cannot silently leave a reader at a dead end.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

interface LinkReport {
  links: number;
  problems: string[];
}

/** Text outside fenced code blocks, where Markdown reads headings. */
function outsideCodeBlocks(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/** Text outside code blocks and inline code, where Markdown reads links. */
function prose(markdown: string): string {
  return outsideCodeBlocks(markdown).replace(/`[^`\n]*`/g, "");
}

/** The anchors GitHub (and npm) give a file's headings: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of outsideCodeBlocks(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Every relative link of `files` (paths under `root`) checked: the target exists and, for Markdown, has the anchor. */
async function checkLinks(root: string, files: string[]): Promise<LinkReport> {
  const report: LinkReport = { links: 0, problems: [] };
  for (const file of files) {
    const text = await readFile(path.join(root, file), "utf8");
    for (const [, target] of prose(text).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z+.-]*:/i.test(target!)) continue; // https:, mailto: …
      report.links++;
      const [linkPath, anchor] = target!.split("#") as [string, string | undefined];
      const resolved =
        linkPath === "" ? path.join(root, file) : path.resolve(path.dirname(path.join(root, file)), linkPath);
      if (!(await exists(resolved))) {
        report.problems.push(`${file}: link "${target}" leads to no file`);
        continue;
      }
      if (anchor === undefined || !resolved.endsWith(".md")) continue;
      if (!headingAnchors(await readFile(resolved, "utf8")).has(anchor)) {
        report.problems.push(`${file}: link "${target}": ${path.relative(root, resolved)} has no heading #${anchor}`);
      }
    }
  }
  return report;
}

async function readerDocs(): Promise<string[]> {
  const docs = (await readdir(path.join(projectRoot, "docs"))).filter((name) => name.endsWith(".md"));
  return ["README.md", "client/README.md", "test/README.md", ...docs.map((name) => `docs/${name}`)];
}

test("every relative link and #anchor in the READMEs and docs/ resolves", async () => {
  const report = await checkLinks(projectRoot, await readerDocs());
  expect(report.problems).toEqual([]);
  expect(report.links).toBeGreaterThan(20);
});

test("a link to a missing file or heading is reported, naming the file and the link", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-links-"));
  try {
    await writeFile(
      path.join(dir, "a.md"),
      [
        "## Here, at `last`",
        "[fine](b.md#real-heading) [self](#here-at-last) [web](https://example.com/x.md#nowhere) `[code](gone.md)`",
        "[gone](missing.md) [bad anchor](b.md#nope)",
        "```md\n[in a code block](also-missing.md)\n```",
      ].join("\n"),
    );
    await writeFile(path.join(dir, "b.md"), "# Real heading\n");
    const report = await checkLinks(dir, ["a.md"]);
    expect(report.problems).toEqual([
      'a.md: link "missing.md" leads to no file',
      'a.md: link "b.md#nope": b.md has no heading #nope',
    ]);
    expect(report.links).toBe(4);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
