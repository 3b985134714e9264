// Loads pairs.yaml against the version files beside it and checks it, so a missing, extra or malformed row fails by
// name before any pair is replayed: every consecutive pair of every spec's versions is labelled exactly once.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const labels = ["breaking", "safe", "ambiguous"] as const;
export type Label = (typeof labels)[number];

export interface VersionPair {
  spec: string;
  /** Version names as in the folder, without `.yaml`: `01-0624581`. */
  base: string;
  head: string;
  label: Label;
  reason: string;
  baseFile: string;
  headFile: string;
  /** One side fails `redocly lint --extends minimal`: replayed for robustness, never scored. */
  touchesInvalid: boolean;
}

export interface InvalidVersion {
  spec: string;
  version: string;
  why: string;
}

export interface History {
  pairs: VersionPair[];
  invalid: InvalidVersion[];
}

export const historyDir = path.dirname(fileURLToPath(import.meta.url));

const versionName = /^\d\d-[0-9a-f]{7}$/;

/** Each spec folder's versions, oldest first (their names start with their place in the history). */
export function versionsOnDisk(dir: string = historyDir): Map<string, string[]> {
  const specs = new Map<string, string[]>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const versions = readdirSync(path.join(dir, entry.name))
      .filter((file) => file.endsWith(".yaml"))
      .map((file) => file.slice(0, -".yaml".length))
      .sort();
    if (versions.length > 0) specs.set(entry.name, versions);
  }
  return specs;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.trim().length > 0;

/** The row's fields, each checked to be non-empty text; any other key is refused. */
function textFields<Key extends string>(row: Record<string, unknown>, keys: Key[], where: string): Record<Key, string> {
  const extra = Object.keys(row).filter((key) => !(keys as string[]).includes(key));
  if (extra.length > 0) throw new Error(`${where}: unknown key ${extra.join(", ")}`);
  for (const key of keys) if (!isText(row[key])) throw new Error(`${where}: ${key} must be non-empty text`);
  return row as Record<Key, string>;
}

/** The labelled history in pairs.yaml's text, checked against the versions on disk; throws naming the row. */
export function parseHistory(text: string, versions: Map<string, string[]>, dir: string = historyDir): History {
  const document: unknown = parse(text);
  if (!isObject(document) || !Array.isArray(document.pairs) || !Array.isArray(document.invalid))
    throw new Error("pairs.yaml must have two lists, `pairs` and `invalid`");

  const invalid = document.invalid.map((raw, index): InvalidVersion => {
    const where = `invalid[${index}]`;
    if (!isObject(raw)) throw new Error(`${where}: must be a mapping of spec, version and why`);
    const { spec, version, why } = textFields(raw, ["spec", "version", "why"], where);
    if (!versions.get(spec)?.includes(version)) throw new Error(`${where}: no version ${spec}/${version}.yaml`);
    return { spec, version, why };
  });
  const isInvalid = (spec: string, version: string) =>
    invalid.some((entry) => entry.spec === spec && entry.version === version);

  const rows = document.pairs.map((raw, index) => {
    const where = `pairs[${index}]`;
    if (!isObject(raw)) throw new Error(`${where}: must be a mapping of spec, base, head, label and reason`);
    const row = textFields(raw, ["spec", "base", "head", "label", "reason"], where);
    if (!(labels as readonly string[]).includes(row.label))
      throw new Error(`${where} (${row.spec} ${row.base} → ${row.head}): label must be one of ${labels.join(", ")}`);
    return row;
  });

  const pairs: VersionPair[] = [];
  for (const [spec, names] of versions) {
    for (const name of names)
      if (!versionName.test(name)) throw new Error(`${spec}/${name}.yaml: a version is named <place>-<commit>.yaml`);
    for (let index = 1; index < names.length; index++) {
      const [base, head] = [names[index - 1]!, names[index]!];
      const matching = rows.filter((row) => row.spec === spec && row.base === base && row.head === head);
      if (matching.length !== 1)
        throw new Error(`${spec} ${base} → ${head} is labelled ${matching.length} times in pairs.yaml (once expected)`);
      const { label, reason } = matching[0]!;
      pairs.push({
        spec,
        base,
        head,
        label: label as Label,
        reason,
        baseFile: path.join(dir, spec, `${base}.yaml`),
        headFile: path.join(dir, spec, `${head}.yaml`),
        touchesInvalid: isInvalid(spec, base) || isInvalid(spec, head),
      });
    }
  }
  if (rows.length !== pairs.length) {
    const stray = rows.find(
      (row) => !pairs.some((pair) => pair.spec === row.spec && pair.base === row.base && pair.head === row.head),
    )!;
    throw new Error(
      `pairs.yaml labels ${stray.spec} ${stray.base} → ${stray.head}, which are not consecutive versions`,
    );
  }
  return { pairs, invalid };
}

export function loadHistory(dir: string = historyDir): History {
  return parseHistory(readFileSync(path.join(dir, "pairs.yaml"), "utf8"), versionsOnDisk(dir), dir);
}
