// Loads the corpus (cases.yaml) and checks its shape, so a malformed row fails loudly, by name, before any case runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** Changes the first match of `from` in `file` (a path under openapi/) to `to`. */
export interface TextEdit {
  file: string;
  /** Exact text, or a regular expression whose groups `to` may name as $1 etc. */
  from: string | RegExp;
  to: string;
}

/** Renames `file` to `moveTo` (both paths under openapi/): a schema component is named after its file. */
export interface FileMove {
  file: string;
  moveTo: string;
}

export type SpecEdit = TextEdit | FileMove;

export type Bump = "major" | "minor" | "none";

/** The version bumps a case needs: info.version (the wire) and the client package's version (its callers). */
export interface Bumps {
  api: Bump;
  client: Bump;
}

export interface Case {
  name: string;
  breaking: boolean;
  /** For a breaking case: the rule (a redocly diff, oasdiff, our own or the client surface's rule id) that must be among the findings. For a safe case: why. */
  rule: string;
  /** Applied to base and working copy alike. */
  setup: SpecEdit[];
  /** The one change under test, applied to the working copy after `setup`. */
  edit: SpecEdit[];
  /** When given: the bumps the gate must require. Without it, the client must break exactly when the wire does. */
  bumps?: Bumps;
}

const caseKeys = new Set(["name", "breaking", "rule", "setup", "edit", "bumps"]);
const editKeys = new Set(["file", "replace", "pattern", "flags", "with", "move"]);
const bumpNames = new Set(["major", "minor", "none"]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;

function unknownKeys(row: Record<string, unknown>, known: Set<string>): string[] {
  return Object.keys(row).filter((key) => !known.has(key));
}

const isSpecPath = (value: unknown): value is string =>
  isText(value) && !path.isAbsolute(value) && !value.split("/").includes("..");

function toEdit(raw: unknown, where: string): SpecEdit {
  if (!isObject(raw)) throw new Error(`${where}: an edit must be a mapping of file, replace or pattern, and with`);
  const extra = unknownKeys(raw, editKeys);
  if (extra.length > 0) throw new Error(`${where}: unknown key ${extra.join(", ")}`);
  const { file, replace, pattern, flags, with: to, move } = raw;
  if (!isSpecPath(file)) throw new Error(`${where}: file must be a path under openapi/`);
  if (move !== undefined) {
    if (!isSpecPath(move)) throw new Error(`${where}: move must be a path under openapi/`);
    if (Object.keys(raw).length > 2) throw new Error(`${where}: move takes only file, no text edit`);
    return { file, moveTo: move };
  }
  if (typeof to !== "string") throw new Error(`${where}: with must be text (empty to delete)`);
  if ((replace === undefined) === (pattern === undefined)) {
    throw new Error(`${where}: give either replace or pattern, not both or neither`);
  }
  if (replace !== undefined) {
    if (!isText(replace)) throw new Error(`${where}: replace must be non-empty text`);
    if (flags !== undefined) throw new Error(`${where}: flags go with pattern, not replace`);
    return { file, from: replace, to };
  }
  if (!isText(pattern)) throw new Error(`${where}: pattern must be a non-empty regular expression`);
  if (flags !== undefined && typeof flags !== "string") throw new Error(`${where}: flags must be text, e.g. m`);
  try {
    return { file, from: new RegExp(pattern, flags), to };
  } catch (error) {
    throw new Error(`${where}: pattern is not a valid regular expression (${(error as Error).message})`);
  }
}

function toEdits(raw: unknown, where: string): SpecEdit[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${where}: must be a non-empty list of edits`);
  return raw.map((edit, index) => toEdit(edit, `${where}[${index}]`));
}

function toCase(raw: unknown, index: number): Case {
  const label = isObject(raw) && isText(raw.name) ? `case ${index + 1} "${raw.name}"` : `case ${index + 1}`;
  if (!isObject(raw)) throw new Error(`${label}: must be a mapping of name, breaking, rule, setup and edit`);
  const extra = unknownKeys(raw, caseKeys);
  if (extra.length > 0) throw new Error(`${label}: unknown key ${extra.join(", ")}`);
  if (!isText(raw.name)) throw new Error(`${label}: name must be non-empty text`);
  if (typeof raw.breaking !== "boolean") throw new Error(`${label}: breaking must be true or false`);
  if (!isText(raw.rule)) throw new Error(`${label}: rule must be non-empty text`);
  const bumps = raw.bumps;
  if (
    bumps !== undefined &&
    !(
      isObject(bumps) &&
      Object.keys(bumps).sort().join() === "api,client" &&
      [bumps.api, bumps.client].every((bump) => bumpNames.has(bump as string))
    )
  ) {
    throw new Error(`${label}: bumps must be { api, client }, each major, minor or none`);
  }
  return {
    name: raw.name,
    breaking: raw.breaking,
    rule: raw.rule,
    setup: raw.setup === undefined ? [] : toEdits(raw.setup, `${label} setup`),
    edit: toEdits(raw.edit, `${label} edit`),
    ...(bumps ? { bumps: bumps as unknown as Bumps } : {}),
  };
}

/** The cases of a corpus file's text; throws, naming the row and the problem, on anything malformed. */
export function parseCases(text: string): Case[] {
  const document: unknown = parse(text);
  if (!isObject(document) || !Array.isArray(document.cases)) throw new Error("the corpus must have a list `cases`");
  const extra = unknownKeys(document, new Set(["snippets", "cases"]));
  if (extra.length > 0) throw new Error(`the corpus has an unknown top-level key ${extra.join(", ")}`);
  const cases = document.cases.map(toCase);
  const seen = new Set<string>();
  for (const spec of cases) {
    if (seen.has(spec.name)) throw new Error(`case "${spec.name}" is listed twice`);
    seen.add(spec.name);
  }
  return cases;
}

export const cases: Case[] = parseCases(readFileSync(new URL("./cases.yaml", import.meta.url), "utf8"));
