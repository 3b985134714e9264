// What one judgement reads of a spec tree, each read once: the tree bundled by Redocly, its YAML files parsed, and
// the file and line of each place findings name. The
// wire and client comparisons and their helpers share one per tree. It lives for one judgement only: it holds the
// files as they were then, and a test may rewrite them in place before the next.
import { readFile } from "node:fs/promises";
import { bundleSpecTree, parseSpecYaml } from "../spec/redocly-project.ts";
import { type SourceLocation, specLocator } from "../spec/source-locations.ts";

type Json = any;

export interface SpecReads {
  rootFile: string;
  /** The tree as bundleSpecTree gives it. Read only: every reader gets the same object. */
  bundle(): Promise<object>;
  /** A file of the tree parsed as Redocly parses it; undefined when it cannot be read or parsed. Read only, shared too. */
  yaml(file: string): Promise<Json>;
  /** Where a JSON pointer into the resolved tree is written (specLocator). */
  sourceOf(pointer: string): Promise<SourceLocation | undefined>;
}

export function specReads(rootFile: string): SpecReads {
  let bundled: Promise<object> | undefined;
  const parsed = new Map<string, Promise<Json>>();
  return {
    rootFile,
    bundle: () => {
      bundled ??= bundleSpecTree(rootFile);
      return bundled;
    },
    yaml: (file) => {
      let document = parsed.get(file);
      if (!document) {
        document = readFile(file, "utf8").then(parseQuietly, () => undefined);
        parsed.set(file, document);
      }
      return document;
    },
    sourceOf: specLocator(rootFile),
  };
}

/** Both trees of one judgement. */
export interface TreeReads {
  base: SpecReads;
  head: SpecReads;
}

export function treeReads(base: { rootFile: string }, head: { rootFile: string }): TreeReads {
  return { base: specReads(base.rootFile), head: specReads(head.rootFile) };
}

function parseQuietly(text: string): Json {
  try {
    return parseSpecYaml(text);
  } catch {
    return undefined;
  }
}
