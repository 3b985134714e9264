// The human changelog of a comparison, as Markdown ready to paste into a release note: the API (the wire) grouped
// breaking / additive / documentation only, then what changed for callers of @kirim/client, method by method.
import type { Comparisons } from "./compare.ts";

export interface ChangelogHeader {
  from: string;
  to: string;
  specVersions: [string | undefined, string | undefined];
  clientVersions: [string | undefined, string | undefined];
}

const versionsText = (what: string, [before, after]: [string | undefined, string | undefined]) =>
  before && after && before !== after ? ` (${what}${before} → ${after})` : after ? ` (${what}${after})` : "";

export function renderChangelog({ wire, sdk }: Comparisons, header: ChangelogHeader): string {
  const breaking = wire.breaking.map((finding) => `${finding.operation}: ${finding.message}`);
  const additive = wire.changes
    .filter((change) => change.kind === "additive")
    .map((change) => `${change.operation}: ${change.text}`);
  const docs = wire.changes
    .filter((change) => change.kind === "docs")
    .map((change) => `${change.operation}: ${change.text}`);
  return [
    `## API changes: ${header.from} → ${header.to}${versionsText("API ", header.specVersions)}`,
    "",
    ...section("Breaking", breaking),
    ...section("Additive", additive),
    ...section("Documentation only", docs),
    ...section(`For callers of @kirim/client${versionsText("", header.clientVersions)}`, clientLines({ wire, sdk })),
  ]
    .join("\n")
    .trimEnd();
}

function section(title: string, lines: string[]): string[] {
  return [`### ${title}`, "", ...(lines.length > 0 ? unique(lines).map((line) => `- ${line}`) : ["- none"]), ""];
}

/**
 * Per method (named as callers write it), what breaks their code and what they gain: the client surface's findings
 * and the wire's breaking and additive changes of the method's operation. Then the exported types.
 */
function clientLines({ wire, sdk }: Comparisons): string[] {
  if (sdk.skipped) return [`not compared: ${sdk.skipped.split("\n")[0]}`];
  const lines: string[] = [];
  const operations = new Set([...sdk.methods.keys(), ...wire.breaking.map((finding) => finding.operation)]);
  for (const operation of operations) {
    const names = sdk.methods.get(operation);
    const name = names?.head ?? names?.base;
    if (!name) continue;
    const label = `\`kirim.${name}(…)\``;
    for (const finding of sdk.breaking.filter((finding) => finding.operation === operation))
      lines.push(`${label} **breaks callers**: ${finding.message}`);
    for (const finding of wire.breaking.filter((finding) => finding.operation === operation))
      lines.push(`${label} **breaking on the wire**: ${finding.message}`);
    for (const change of [...sdk.changes, ...wire.changes].filter(
      (change) => change.operation === operation && change.kind === "additive",
    ))
      lines.push(`${label}: ${change.text}`);
  }
  for (const finding of sdk.breaking.filter((finding) => !sdk.methods.has(finding.operation)))
    lines.push(`types **break callers**: ${finding.message}`);
  for (const change of sdk.changes.filter((change) => !sdk.methods.has(change.operation)))
    lines.push(`types: ${change.text}`);
  return lines;
}

const unique = (lines: string[]) => [...new Set(lines)];
