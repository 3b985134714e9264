import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { StepFailed } from "./step.ts";
import { bin, run } from "./tools.ts";
import { bundleFile } from "./generate.ts";

export const docsFile = "dist/docs/index.html";

/**
 * Builds the published reference from the bundle, with Redoc inlined so the page works offline.
 *
 * Two things `redocly build-docs --inlineBundle` (Redoc 3) leaves for us to fix:
 * - Redoc CE shows an x-codeSamples entry only when its label (or lang) is in `codeSamples.languages`, whose default
 *   lists neither Rust, TypeScript nor our labels ("fetch", "Kirim client"): three of five samples vanished. We list
 *   the spec's own samples, in spec order (unless redocly.yaml sets `openapi.codeSamples` itself).
 * - The sidebar's "API docs by Redocly" badge loads its logo from cdn.redoc.ly at runtime. We inline it (see below),
 *   so opening the page makes no request beyond its own URL. The browser test in test/publishing proves it.
 */
export async function buildDocs(options: { bundle?: string; output?: string } = {}): Promise<string> {
  const bundle = options.bundle ?? `generated/${bundleFile}`;
  const output = options.output ?? docsFile;
  const redocOptions = await redocOptionsFor(bundle);
  await mkdir(path.dirname(output), { recursive: true });
  const result = await run(bin("redocly"), [
    "build-docs",
    bundle,
    "--inlineBundle",
    "--title",
    "Kirim API reference",
    "--openapi",
    JSON.stringify(redocOptions),
    "--output",
    output,
  ]);
  if (result.code !== 0) throw new StepFailed(`redocly build-docs exited with ${result.code}.`);
  await writeFile(output, makeOffline(await readFile(output, "utf8")));
  return output;
}

interface CodeSample {
  lang?: unknown;
  label?: unknown;
}

/** redocly.yaml's `openapi` options (build-docs' --openapi replaces them, so we merge), plus our code-sample tabs. */
async function redocOptionsFor(bundle: string): Promise<Record<string, unknown>> {
  const config = (parse(await readFile("redocly.yaml", "utf8").catch(() => "")) ?? {}) as { openapi?: Record<string, unknown> };
  const configured = config.openapi ?? {};
  if (configured.codeSamples) return configured;

  const document = parse(await readFile(bundle, "utf8")) as { paths?: Record<string, Record<string, { "x-codeSamples"?: CodeSample[] }>> };
  const languages: { lang: string; label?: string }[] = [];
  const seen = new Set<string>();
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem ?? {})) {
      for (const sample of operation?.["x-codeSamples"] ?? []) {
        if (typeof sample.lang !== "string") continue;
        const label = typeof sample.label === "string" ? sample.label : undefined;
        const key = (label ?? sample.lang).toLowerCase(); // how Redoc matches a sample to a tab
        if (seen.has(key)) continue;
        seen.add(key);
        languages.push(label ? { lang: sample.lang, label } : { lang: sample.lang });
      }
    }
  }
  // Keep Redoc's generated JSON payload tab after the hand-written samples.
  return { ...configured, codeSamples: { languages: [...languages, { lang: "Payload" }] } };
}

/**
 * The inlined Redoc renders `<img src="https://cdn.redoc.ly/redoc/logo-mini[-full].svg">` in the sidebar. No option
 * turns it off, so the built page gets the same mark as an inline SVG (a data: URL: no request at all). The link to
 * redocly.com around it stays, so the attribution is still there; it is a link, not a load.
 */
const cdnLogos = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];

const inlineLogo =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14" viewBox="0 0 52 14">' +
      '<text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" font-weight="600" fill="#3c4b5c">Redocly</text></svg>',
  );

export function makeOffline(html: string): string {
  let result = html;
  for (const url of cdnLogos) result = result.split(url).join(inlineLogo);
  return result;
}
