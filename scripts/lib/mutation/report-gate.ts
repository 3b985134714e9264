// The mutation-testing gate: reads StrykerJS's JSON report and decides whether the run passes.
// Pure functions (the report and the accepted list in, problems out), so test/mutation/report-gate.test.ts
// can feed them broken input.
import ts from "typescript";

/** A mutant in Stryker's JSON report (mutation-testing-report-schema), the fields we read. */
export interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

/** A surviving mutant, named by what it changes rather than by line, so that unrelated edits do not move it. */
export interface Survivor {
  file: string;
  mutator: string;
  /** `original → replacement`, whitespace collapsed, each side cut to 70 characters. */
  change: string;
  line: number;
  /** Names of the functions around it, outermost first. */
  functions: string[];
}

export interface AcceptedSurvivor {
  file: string;
  mutator: string;
  change: string;
  why: string;
  lineNumber: number;
}

/** Code that guards a secret, an id, a retry decision or a timer: no survivor is accepted there. */
export interface GuardedArea {
  file: string;
  /** Only these functions of the file (and what they contain); every function when absent. */
  functions?: string[];
  guards: string;
}

const minimumScore = 95;

const detected = new Set(["Killed", "Timeout"]);
const undetected = new Set(["Survived", "NoCoverage"]);

/** Stryker's mutation score: detected / (detected + undetected), in percent. */
function mutationScore(report: MutationReport): number {
  let caught = 0;
  let missed = 0;
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      if (detected.has(mutant.status)) caught++;
      else if (undetected.has(mutant.status)) missed++;
    }
  }
  return caught + missed === 0 ? 100 : (100 * caught) / (caught + missed);
}

function survivors(report: MutationReport): Survivor[] {
  return Object.entries(report.files).flatMap(([file, { source, mutants }]) => {
    const offsets = lineOffsets(source);
    const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
    return mutants
      .filter((mutant) => undetected.has(mutant.status))
      .map((mutant) => {
        const start = offsets[mutant.location.start.line - 1]! + mutant.location.start.column - 1;
        const end = offsets[mutant.location.end.line - 1]! + mutant.location.end.column - 1;
        return {
          file,
          mutator: mutant.mutatorName,
          change: `${snippet(source.slice(start, end))} → ${snippet(mutant.replacement ?? "")}`,
          line: mutant.location.start.line,
          functions: enclosingFunctions(tree, start),
        };
      });
  });
}

function formatSurvivor(survivor: Survivor, why = "WHY"): string {
  return [survivor.file, survivor.mutator, survivor.change, why].join(" | ");
}

/** Reads the committed list: `file | mutator | original → replacement | why`, `#` comments and blank lines ignored. */
export function parseAccepted(text: string): { accepted: AcceptedSurvivor[]; problems: string[] } {
  const accepted: AcceptedSurvivor[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const fields = line.split(" | ");
    const why = fields.length >= 4 ? fields.at(-1)!.trim() : "";
    if (fields.length < 4 || why === "" || why === "WHY") {
      problems.push(
        `line ${index + 1}: expected "file | mutator | original → replacement | why it is harmless", got "${line}"`,
      );
      return;
    }
    accepted.push({
      file: fields[0]!,
      mutator: fields[1]!,
      change: fields.slice(2, -1).join(" | "),
      why,
      lineNumber: index + 1,
    });
  });
  return { accepted, problems };
}

export interface Verdict {
  score: number;
  survivors: Survivor[];
  problems: string[];
}

/** Everything that fails the run: a low score, a survivor not on the list, one in guarded code, a stale or malformed line. */
export function judge(report: MutationReport, acceptedText: string, guarded: GuardedArea[]): Verdict {
  const found = survivors(report);
  const { accepted, problems } = parseAccepted(acceptedText);
  const score = mutationScore(report);
  if (score < minimumScore) problems.push(`mutation score ${score.toFixed(2)} % is below ${minimumScore} %`);

  const unmatched = [...accepted];
  for (const survivor of found) {
    const guard = guardOf(survivor, guarded);
    if (guard) {
      problems.push(
        `${survivor.file}:${survivor.line} survives in code that guards ${guard.guards} (${survivor.mutator}: ${survivor.change}); write a test that kills it`,
      );
      continue;
    }
    const index = unmatched.findIndex(
      (entry) => entry.file === survivor.file && entry.mutator === survivor.mutator && entry.change === survivor.change,
    );
    if (index === -1) {
      problems.push(
        `new survivor ${survivor.file}:${survivor.line} — kill it with a test, or if it is equivalent or harmless add this line with the reason:\n    ${formatSurvivor(survivor)}`,
      );
    } else {
      unmatched.splice(index, 1);
    }
  }
  for (const stale of unmatched) {
    problems.push(
      `accepted survivor on line ${stale.lineNumber} no longer survives (${stale.file} ${stale.mutator}: ${stale.change}); remove its line`,
    );
  }
  return { score, survivors: found, problems };
}

/** Guarded areas that name a file or function the source no longer has (a rename must not silently unguard code). */
export function staleGuards(guarded: GuardedArea[], sources: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  for (const area of guarded) {
    const source = sources[area.file];
    if (source === undefined) {
      problems.push(`guarded file ${area.file} does not exist`);
      continue;
    }
    const names = functionNames(ts.createSourceFile(area.file, source, ts.ScriptTarget.Latest, true));
    for (const name of area.functions ?? []) {
      if (!names.has(name)) problems.push(`guarded function ${name} is not in ${area.file}`);
    }
  }
  return problems;
}

function functionNames(tree: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    const name = functionName(node);
    if (name) names.add(name);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return names;
}

function guardOf(survivor: Survivor, guarded: GuardedArea[]): GuardedArea | undefined {
  return guarded.find(
    (area) =>
      area.file === survivor.file &&
      (!area.functions || survivor.functions.some((name) => area.functions!.includes(name))),
  );
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 70 ? `${flat.slice(0, 70)}…` : flat;
}

function lineOffsets(source: string): number[] {
  const offsets = [0];
  for (let index = source.indexOf("\n"); index !== -1; index = source.indexOf("\n", index + 1)) offsets.push(index + 1);
  return offsets;
}

/** Names of the named functions, methods and `const name = () =>` functions that contain `position`, outermost first. */
function enclosingFunctions(tree: ts.SourceFile, position: number): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (position < node.getStart(tree) || position >= node.getEnd()) return;
    const name = functionName(node);
    if (name) names.push(name);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return names;
}

function functionName(node: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node)) && node.name) {
    return node.name.getText();
  }
  if (
    ts.isVariableDeclaration(node) &&
    node.initializer &&
    (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
  ) {
    return node.name.getText();
  }
  if (
    ts.isPropertyAssignment(node) &&
    (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
  ) {
    return node.name.getText();
  }
  if (ts.isClassDeclaration(node) && node.name) return node.name.getText();
  return undefined;
}
