// The `$ref`s Redocly's bundler leaves in the bundle, inlined, so that the bundle is self-contained.
//
// openapi-core 2.64 resolves `$ref`s at any depth inside a vendor extension (lint finds a broken one), but its bundler
// inlines only a `$ref` that is the extension's whole value (`x-guide: {$ref: intro.md}`); one deeper down
// (`x-topics: [{content: {$ref: docs/intro.md}}]`) is copied into the bundle as written, relative to a file the bundle
// no longer sits beside. Each such `$ref` is replaced here by what it points to, as the bundler does for code-sample
// files: a text file becomes its text, a YAML or JSON file (or a part of one, `file.yaml#/a/b`) its value, with the
// `$ref`s inside that value inlined in turn (they are relative to that file, `#/…` ones included).
//
// Thin spot: the file a leftover `$ref` was written in is found by object identity. The bundler builds the bundle from
// the documents its resolver parsed (the same resolver, whose cache hands out the same objects), in place, and copies
// extension content it does not walk by reference. test/pipeline/bundle-extension-refs.test.ts holds this.
import path from "node:path";
import type { BaseResolver } from "@redocly/openapi-core";
import { StepFailed } from "../cli/steps.ts";
import { relativePaths } from "./problem-lines.ts";

type Json = any;

interface Leftover {
  holder: Json;
  key: string | number;
  ref: string;
  /** Where it sits in the bundle, as a JSON pointer. */
  at: string;
}

const isRefNode = (value: Json): boolean =>
  value !== null && typeof value === "object" && !Array.isArray(value) && typeof value.$ref === "string";

/** Every `$ref` in `document` that does not point inside it (`#/…`), with the object and key that hold it. */
function leftovers(document: Json): Leftover[] {
  const found: Leftover[] = [];
  const visit = (value: Json, holder: Json, key: string | number, at: string) => {
    if (value === null || typeof value !== "object") return;
    if (isRefNode(value) && !value.$ref.startsWith("#")) {
      found.push({ holder, key, ref: value.$ref, at });
      return;
    }
    for (const [childKey, child] of Object.entries(value)) {
      const step = Array.isArray(value) ? Number(childKey) : childKey;
      visit(child, value, step, `${at}/${String(childKey).replaceAll("~", "~0").replaceAll("/", "~1")}`);
    }
  };
  visit(document, undefined, "", "#");
  return found;
}

/**
 * Each `$ref` object of the spec's files, with the file it is written in. Read before bundling: the bundler replaces
 * `$ref`s in place, after which a file's tree holds objects of the files it points to.
 */
export async function refOwners(resolver: BaseResolver, rootFile: string): Promise<Map<object, string>> {
  const owners = new Map<object, string>();
  const walked = new Set<string>();
  const walkFile = async (file: string, isRoot = false): Promise<void> => {
    if (walked.has(file)) return;
    walked.add(file);
    // A file that cannot be read or parsed is the bundler's to report, at its place.
    const document = await resolver.resolveDocument(null, file, isRoot).catch(() => undefined);
    if (!document || document instanceof Error || !("parsed" in document)) return;
    const next: string[] = [];
    const visit = (value: Json) => {
      if (value === null || typeof value !== "object") return;
      if (isRefNode(value)) {
        owners.set(value, file);
        const uri = value.$ref.split("#")[0];
        if (uri) next.push(resolver.resolveExternalRef(file, uri));
      }
      for (const child of Object.values(value)) visit(child);
    };
    visit(document.parsed);
    await Promise.all(next.map((target) => walkFile(target)));
  };
  await walkFile(rootFile, true);
  return owners;
}

/** The value at a JSON pointer fragment (`/a/b`, percent-encoded as in a URI), or undefined. */
function atPointer(value: Json, fragment: string): Json {
  const steps = fragment === "" || fragment === "/" ? [] : fragment.replace(/^\//, "").split("/");
  let current = value;
  for (const step of steps) {
    const key = decodeURIComponent(step).replaceAll("~1", "/").replaceAll("~0", "~");
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

class ExtensionRefs {
  private readonly resolver: BaseResolver;
  private readonly root: string;

  constructor(resolver: BaseResolver, root: string) {
    this.resolver = resolver;
    this.root = root;
  }

  private shown(file: string): string {
    return path.relative(this.root, file) || file;
  }

  /** What `ref`, written in `file`, points to, with every `$ref` inside it inlined as well. */
  async content(ref: string, file: string, seen: string[]): Promise<Json> {
    const [uri = "", fragment = ""] = ref.split(/#(.*)/s, 2);
    const target = uri === "" ? file : this.resolver.resolveExternalRef(file, uri);
    const id = fragment === "" ? target : `${target}#${fragment}`;
    if (seen.includes(id)) {
      throw new StepFailed(
        `${this.shown(file)}: $ref ${ref} is circular (${[...seen, id].map((step) => this.shown(step)).join(" → ")}); an extension's content must be finite.`,
      );
    }
    let parsed: Json;
    try {
      const document = await this.resolver.resolveDocument(file, uri === "" ? file : uri);
      if (document instanceof Error) throw document;
      parsed = document.parsed;
    } catch (error) {
      const reason = relativePaths(error instanceof Error ? error.message : String(error), this.root);
      throw new StepFailed(`${this.shown(file)}: $ref ${ref} cannot be bundled: ${reason}`);
    }
    const value = fragment === "" ? parsed : atPointer(parsed, fragment);
    if (value === undefined) {
      throw new StepFailed(`${this.shown(file)}: $ref ${ref} points to nothing in ${this.shown(target)}.`);
    }
    return this.inlined(value, target, [...seen, id]);
  }

  /** A copy of `value` (from `file`) with each `$ref` in it replaced by its content; siblings of a `$ref` are kept. */
  async inlined(value: Json, file: string, seen: string[]): Promise<Json> {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) return Promise.all(value.map((item) => this.inlined(item, file, seen)));
    if (isRefNode(value)) {
      const { $ref, ...siblings } = value;
      const content = await this.content($ref, file, seen);
      if (Object.keys(siblings).length === 0) return content;
      if (content === null || typeof content !== "object" || Array.isArray(content)) {
        throw new StepFailed(
          `${this.shown(file)}: $ref ${$ref} has sibling keys (${Object.keys(siblings).join(", ")}) but points to a value that is not an object.`,
        );
      }
      return { ...content, ...(await this.inlined(siblings, file, seen)) };
    }
    const copy: Record<string, Json> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = await this.inlined(child, file, seen);
    return copy;
  }
}

/**
 * Replaces, in `bundle` (what Redocly's bundle returned, built with `resolver`), every `$ref` that points outside it by
 * the content it points to; `owners` (refOwners, read before bundling) tells the file each was written in. A bundle
 * without such a `$ref` is left untouched.
 */
export async function inlineLeftoverRefs(
  bundle: object,
  owners: Map<object, string>,
  resolver: BaseResolver,
  root: string,
): Promise<void> {
  const refs = new ExtensionRefs(resolver, root);
  for (const { holder, key, ref, at } of leftovers(bundle)) {
    const file = owners.get(holder[key]);
    if (!file) {
      throw new StepFailed(`the bundle keeps $ref ${ref} at ${at}, and the file it was written in cannot be told.`);
    }
    holder[key] = await refs.inlined(holder[key], file, []);
  }
}
