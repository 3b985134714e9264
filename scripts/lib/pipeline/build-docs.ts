import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { bin, runOrFail } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";
import { bundleFile } from "../codegen/generate.ts";

const docsFile = "dist/docs/index.html";

/**
 * Builds the published reference from the bundle, with Redoc inlined so the page works offline.
 *
 * What `redocly build-docs --inlineBundle` (Redoc 3) leaves for us to fix:
 * - Redoc CE shows an x-codeSamples entry only when its label (or lang) is in `codeSamples.languages`, whose default
 *   lists neither Rust, TypeScript nor our labels ("fetch", "Kirim client"): three of five samples vanished. We list
 *   the spec's own samples, in spec order (unless redocly.yaml sets `openapi.codeSamples` itself).
 * - The sidebar's "API docs by Redocly" badge loads its logo from cdn.redoc.ly at runtime. We inline it (see below),
 *   so opening the page makes no request beyond its own URL. The browser test in test/docs proves it.
 * - Layout: the landing page hides every operation, code runs off the right edge, the copy button sits on the code and
 *   a deep link opens below a blank band. `pageFixes` (below) corrects each; the browser test looks for all four.
 */
export async function buildDocs(options: { bundle?: string; output?: string } = {}): Promise<string> {
  const bundle = options.bundle ?? `generated/${bundleFile}`;
  const output = options.output ?? docsFile;
  const bundleText = await readFile(bundle, "utf8").catch(() => {
    throw new StepFailed(`${bundle} does not exist: run \`npm run generate\` first.`);
  });
  const document = parse(bundleText) as BundledDocument;
  const redocOptions = await redocOptionsFor(document);
  await mkdir(path.dirname(output), { recursive: true });
  const buildArgs = [
    "build-docs",
    bundle,
    "--inlineBundle",
    "--title",
    "Kirim API reference",
    "--openapi",
    JSON.stringify(redocOptions),
    "--output",
    output,
  ];
  await runOrFail(bin("redocly"), buildArgs, { name: "redocly build-docs" });
  await writeFile(output, addPageFixes(makeOffline(await readFile(output, "utf8")), landingRouteFor(document)));
  return output;
}

interface CodeSample {
  lang?: unknown;
  label?: unknown;
}

/** The parts of the bundle the page needs: the tags and each operation's tags and code samples. */
interface BundledDocument {
  tags?: { name?: unknown }[];
  paths?: Record<string, Record<string, { tags?: unknown[]; "x-codeSamples"?: CodeSample[] }>>;
}

/** redocly.yaml's `openapi` options (build-docs' --openapi replaces them, so we merge), plus our code-sample tabs. */
async function redocOptionsFor(document: BundledDocument): Promise<Record<string, unknown>> {
  const config = (parse(await readFile("redocly.yaml", "utf8").catch(() => "")) ?? {}) as {
    openapi?: Record<string, unknown>;
  };
  const configured = config.openapi ?? {};
  if (configured.codeSamples) return configured;

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

function makeOffline(html: string): string {
  let result = html;
  for (const url of cdnLogos) result = result.split(url).join(inlineLogo);
  return result;
}

/**
 * Redoc 3 expands a tag's operations only while the route is that tag's; its landing route ("/") shows the API's info
 * and every tag collapsed behind "+ Show". We land on the first tag instead, whose operations are then shown open.
 * Its route is the tag's name in lower case, non-alphanumerics as hyphens (how Redoc builds the `#/customers` route).
 */
function landingRouteFor(document: BundledDocument): string | undefined {
  const firstOperationTag = Object.values(document.paths ?? {})
    .flatMap((pathItem) => Object.values(pathItem ?? {}))
    .map((operation) => operation?.tags?.[0])
    .find((tag): tag is string => typeof tag === "string");
  const tag =
    firstOperationTag ??
    document.tags?.map((entry) => entry.name).find((name): name is string => typeof name === "string");
  return tag
    ? `/${tag
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")}`
    : undefined;
}

/**
 * What the page needs beyond Redoc's own output, added to <head>:
 * - CSS: code wraps inside its panel instead of being cut at the right edge, leaves room for the copy button in the
 *   corner, and a section opened by a deep link starts near the top instead of below a 64 px band.
 * - A script that runs before Redoc: an empty route becomes the landing route, and sidebar links, which Redoc renders
 *   as site-absolute paths (`/customers`) although it routes by hash, get the hash form, so opening one in a new tab
 *   stays inside a page served under a subpath (GitHub Pages serves it under /<repository>/).
 */
const layoutCss = `
#api-content pre { white-space: pre-wrap; overflow-wrap: anywhere; padding-right: 36px; }
#api-content [data-section-id][id] { padding-top: var(--spacing-lg, 24px); }
`;

function routingScript(landingRoute: string | undefined): string {
  return `
(function () {
  var landing = ${JSON.stringify(landingRoute ?? "")};
  if (landing && (location.hash === "" || location.hash === "#" || location.hash === "#/")) {
    history.replaceState(history.state, "", location.pathname + location.search + "#" + landing);
  }
  function hashLinks(root) {
    var links = root.querySelectorAll ? root.querySelectorAll('a[href^="/"]:not([href^="//"])') : [];
    for (var i = 0; i < links.length; i++) links[i].setAttribute("href", "#" + links[i].getAttribute("href"));
  }
  new MutationObserver(function (records) {
    for (var r = 0; r < records.length; r++) {
      var record = records[r];
      if (record.type === "attributes") hashLinks(record.target.parentNode || document);
      for (var n = 0; n < record.addedNodes.length; n++) {
        var node = record.addedNodes[n];
        if (node.nodeType === 1) { if (node.matches('a[href^="/"]:not([href^="//"])')) node.setAttribute("href", "#" + node.getAttribute("href")); hashLinks(node); }
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["href"] });
})();
`;
}

function addPageFixes(html: string, landingRoute: string | undefined): string {
  const head = `<style id="kirim-layout">${layoutCss}</style><script id="kirim-routing">${routingScript(landingRoute)}</script>`;
  if (!html.includes("</head>"))
    throw new StepFailed("redocly build-docs wrote a page without </head>; cannot add the layout fixes.");
  return html.replace("</head>", () => `${head}</head>`);
}
