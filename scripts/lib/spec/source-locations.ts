// Maps a JSON pointer into the resolved spec (as the engines see it) to the file and line under openapi/ that holds it.
// Neither Redocly's bundle nor Optic's loader keeps a usable map for nested $refs, so this walks the YAML files itself,
// following each `$ref` to another file.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export interface SourceLocation {
  /** Absolute path of the YAML file. */
  file: string;
  line: number;
}

interface ParsedFile {
  root: Node | null;
  lines: LineCounter;
}

export function encodePointer(segments: string[]): string {
  return segments.map((segment) => `/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function decodePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^#/, "")
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A locator over one spec tree (`rootFile` is its openapi.yaml); files are read once. */
export function specLocator(rootFile: string): (pointer: string) => Promise<SourceLocation | undefined> {
  const files = new Map<string, Promise<ParsedFile | undefined>>();
  const load = (file: string) => {
    let parsed = files.get(file);
    if (!parsed) {
      parsed = readFile(file, "utf8").then(
        (text) => {
          const lines = new LineCounter();
          return { root: parseDocument(text, { lineCounter: lines }).contents, lines };
        },
        () => undefined,
      );
      files.set(file, parsed);
    }
    return parsed;
  };

  return async (pointer) => {
    let file = rootFile;
    let parsed = await load(file);
    if (!parsed) return undefined;
    let node: Node | null = parsed.root;
    let best: SourceLocation = { file, line: 1 };
    const remember = (at: Node | null) => {
      if (at?.range && parsed) best = { file, line: parsed.lines.linePos(at.range[0]).line };
    };
    const segments = decodePointer(pointer);
    for (let index = 0; index <= segments.length; index++) {
      // Follow a `$ref` to another file before taking the next step (or before stopping on the referencing node).
      for (let hops = 0; hops < 20 && isMap(node); hops++) {
        const ref = node.get("$ref");
        if (typeof ref !== "string" || ref.startsWith("#")) break;
        const [target = "", fragment = ""] = ref.split("#");
        const next = path.resolve(path.dirname(file), target);
        const nextParsed = await load(next);
        if (!nextParsed) break;
        if (index === segments.length) return best; // the pointer ends on the reference itself
        file = next;
        parsed = nextParsed;
        node = parsed.root;
        for (const part of decodePointer(fragment)) node = child(node, part);
        remember(node);
      }
      if (index === segments.length) break;
      const segment = segments[index]!;
      const keyNode = keyOf(node, segment);
      const next = child(node, segment);
      if (next === null && !keyNode) break; // the rest of the pointer does not exist here: keep the nearest ancestor
      remember(keyNode ?? next);
      node = next;
    }
    return best;
  };
}

function child(node: Node | null, segment: string): Node | null {
  if (isMap(node)) {
    const value = node.get(segment, true);
    return (value as Node | undefined) ?? null;
  }
  if (isSeq(node)) return (node.get(Number(segment), true) as Node | undefined) ?? null;
  return null;
}

function keyOf(node: Node | null, segment: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
  return pair?.key as Node | undefined;
}
