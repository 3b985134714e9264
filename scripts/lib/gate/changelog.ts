// The human API changelog of a comparison, as Markdown ready to paste into a release note.
import type { Comparison } from "./compare-specs.ts";

export interface ChangelogHeader {
  from: string;
  to: string;
  specVersions: [string | undefined, string | undefined];
}

export function renderChangelog(comparison: Comparison, header: ChangelogHeader): string {
  const [before, after] = header.specVersions;
  const versions = before && after && before !== after ? ` (API ${before} → ${after})` : after ? ` (API ${after})` : "";
  const breaking = comparison.breaking.map((finding) => `${finding.operation}: ${finding.message}`);
  const additive = comparison.changes
    .filter((change) => change.kind === "additive")
    .map((change) => `${change.operation}: ${change.text}`);
  const docs = comparison.changes
    .filter((change) => change.kind === "docs")
    .map((change) => `${change.operation}: ${change.text}`);
  const section = (title: string, lines: string[]) => [
    `### ${title}`,
    "",
    ...(lines.length > 0 ? unique(lines).map((line) => `- ${line}`) : ["- none"]),
    "",
  ];
  return [
    `## API changes: ${header.from} → ${header.to}${versions}`,
    "",
    ...section("Breaking", breaking),
    ...section("Additive", additive),
    ...section("Documentation only", docs),
  ]
    .join("\n")
    .trimEnd();
}

const unique = (lines: string[]) => [...new Set(lines)];
