// The published reference in a real browser: `npm run docs` builds one HTML file that, served from a loopback server
// under a subpath as GitHub Pages serves it (/<repository>/), opens on the operation, renders all seven response codes
// and every code sample without layout defects, keeps every link inside the subpath, and requests nothing beyond
// loopback. The same checks fail on Redoc's raw output of a spec missing a response. The browser comes from npm
// (test/helpers/browser.ts), so no system Chromium is needed.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { parse, stringify } from "yaml";
import { bin, projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { resolveRef } from "../../scripts/lib/codegen/operation-model.ts";
import { launchChromium } from "../helpers/browser.ts";
import { isLoopbackUrl, type LoopbackServer, listenOnLoopback } from "../helpers/loopback.ts";
import { copyProject } from "../helpers/project-copy.ts";
import { runCommand, runScriptInProcess } from "../helpers/run.ts";

const subpath = "/kirim-api/";
const screenshotDir = path.join(projectRoot, "test-results", "docs");
const operationUrl = "#/customers/updatecustomer";
const responseCodes = ["200", "401", "402", "404", "422", "429", "500"];

type Json = Record<string, any>;
const bundle = parse(await readFile(path.join(projectRoot, "generated/openapi.yaml"), "utf8")) as Json;
const operation = bundle.paths["/customers/{id}"].patch as Json;

/** What each response tab must show once selected: the example's error.code (distinct per status) or the 200's id. */
function responseMarker(code: string): string {
  const response = resolveRef(bundle, operation.responses[code]) as Json;
  const example = Object.values(response.content["application/json"].examples as Json)[0].value as Json;
  return code === "200" ? example.data.id : example.error.code;
}

/** Each x-codeSamples entry: its tab label and a line of its source that must show when the tab is chosen. */
const codeSamples = (operation["x-codeSamples"] as { lang: string; label?: string; source: string }[]).map(
  (sample) => ({
    label: sample.label ?? sample.lang,
    line: sample.source
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length >= 20)!,
  }),
);

function isLoopback(url: string): boolean {
  const parsed = new URL(url);
  return ["data:", "blob:", "about:"].includes(parsed.protocol) || isLoopbackUrl(parsed); // the first three: not network requests
}

/** Serves one file at /kirim-api/ on 127.0.0.1, on a port the OS picks; any other path is a 404, and is recorded. */
async function serve(file: string): Promise<{ url: string; server: LoopbackServer; outside: string[] }> {
  const html = await readFile(file);
  const outside: string[] = [];
  const server = await listenOnLoopback((request, response) => {
    if (request.url !== subpath && request.url !== `${subpath}index.html`) {
      outside.push(request.url ?? "");
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  return { url: `${server.origin}${subpath}`, server, outside };
}

interface Inspection {
  /** Requests that tried to leave loopback (all were aborted, so the test never depends on the network). */
  external: string[];
  /** What should have rendered and did not. */
  missing: string[];
  /** Layout defects: code cut at the right, a copy button over code, a blank band above the opened section. */
  layout: string[];
  /** Links, and requests, that left the subpath the page is served under. */
  escapes: string[];
}

async function inspect(
  browser: Browser,
  file: string,
  screenshots?: { landing: string; operation: string },
): Promise<Inspection> {
  const { url, server, outside } = await serve(file);
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1400, height: 1000 } });
  const external: string[] = [];
  const missing: string[] = [];
  const layout: string[] = [];
  const escapes: string[] = [];
  try {
    await context.route("**/*", (route) =>
      isLoopback(route.request().url()) ? route.continue() : route.abort("blockedbyclient"),
    );
    const page = await context.newPage();
    page.on("request", (request) => void (isLoopback(request.url()) || external.push(request.url())));
    page.on("websocket", (socket) => void (isLoopback(socket.url()) || external.push(socket.url())));

    await page.goto(url);
    await page.locator("#api-content h1, #api-content h2").first().waitFor({ timeout: 15_000 });
    const heading = page.getByRole("heading", { name: "Update a customer" });
    await heading.waitFor({ timeout: 1_000 }).catch(() => {});
    if (!(await isInViewport(page, "Update a customer"))) missing.push("the operation on the landing page");
    if (screenshots) await page.screenshot({ path: screenshots.landing });

    await page.goto(url + operationUrl);
    if (
      !(await heading.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      missing.push('heading "Update a customer"');
      return { external, missing, layout, escapes };
    }
    await page.waitForTimeout(300); // Redoc scrolls to the deep link's section after rendering
    layout.push(...(await blankBandAbove(page, "Update a customer")));
    await checkResponses(page, missing, layout);
    await checkCodeSamples(page, missing, layout);
    await page.waitForLoadState("networkidle");
    if (screenshots) {
      await heading.evaluate((element) => element.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: screenshots.operation, fullPage: false });
    }
    escapes.push(...(await followLinks(page, url)));
    escapes.push(...outside.map((requested) => `request for ${requested}`));
    return { external, missing, layout: [...new Set(layout)], escapes };
  } finally {
    await context.close();
    await server.close();
  }
}

async function isInViewport(page: Page, headingName: string): Promise<boolean> {
  return page.evaluate((name) => {
    const heading = [...document.querySelectorAll("h1, h2")].find((element) => element.textContent?.trim() === name);
    if (!heading) return false;
    const box = heading.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  }, headingName);
}

/** A deep link scrolls its section to the top; its heading should start there, not below an empty band. */
async function blankBandAbove(page: Page, headingName: string): Promise<string[]> {
  const top = await page.evaluate((name) => {
    const heading = [...document.querySelectorAll("h1, h2")].find((element) => element.textContent?.trim() === name);
    return heading ? heading.getBoundingClientRect().top : null;
  }, headingName);
  if (top === null) return [`no heading "${headingName}"`];
  return top > 48 ? [`blank band of ${Math.round(top)} px above "${headingName}"`] : [];
}

/** Every visible code block: nothing cut at its right edge, and no copy button lying over a line of code. */
async function codeLayoutDefects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const defects: string[] = [];
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
    };
    const overlaps = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const blocks = [...document.querySelectorAll("#api-content pre")].filter(visible);
    for (const pre of blocks) {
      const start = (pre.textContent ?? "").trim().slice(0, 40);
      if (pre.scrollWidth > pre.clientWidth + 1) defects.push(`code cut at the right: "${start}"`);
      const range = document.createRange();
      range.selectNodeContents(pre);
      const lines = [...range.getClientRects()].filter((rect) => rect.width > 0);
      let container: Element | null = pre.parentElement;
      for (let depth = 0; container && depth < 3; depth++, container = container.parentElement) {
        for (const button of container.querySelectorAll('[data-testid="copy-button"], button[aria-label="Copy"]')) {
          if (!visible(button) || pre.contains(button)) continue;
          const box = button.getBoundingClientRect();
          if (lines.some((line) => overlaps(line, box))) defects.push(`copy button over the code: "${start}"`);
        }
      }
    }
    return defects;
  });
}

/** Clicks every same-page link (sidebar and content) and checks that the link and where it leads stay under `base`. */
async function followLinks(page: Page, base: string): Promise<string[]> {
  const escapes: string[] = [];
  const hrefs = await page.$$eval("a[href]", (links) => [...new Set(links.map((link) => link.getAttribute("href")!))]);
  const internal = hrefs.filter((href) => {
    const target = new URL(href, base);
    return target.origin === new URL(base).origin;
  });
  if (internal.length === 0) return ["no internal links found"];
  for (const href of internal) {
    const resolved = new URL(href, base).href;
    if (!resolved.startsWith(base)) escapes.push(`link ${href} → ${resolved}`);
    const link = page.locator(`a[href="${href.replace(/"/g, '\\"')}"]`).first();
    if (!(await link.isVisible())) await link.scrollIntoViewIfNeeded().catch(() => {});
    const clicked = await link.click({ timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (!clicked) continue; // hidden by a collapsed section; its href was checked above
    await page.waitForTimeout(50);
    if (!page.url().startsWith(base)) {
      escapes.push(`clicking ${href} opened ${page.url()}`);
      await page.goto(base + operationUrl);
    }
  }
  return escapes;
}

async function checkResponses(page: Page, missing: string[], layout: string[]): Promise<void> {
  const tabs = page.getByRole("tablist", { name: "Response status" });
  for (const code of responseCodes) {
    const tab = tabs.getByRole("tab", { name: code, exact: true });
    if ((await tab.count()) === 0) {
      missing.push(`response ${code}`);
      continue;
    }
    await tab.click();
    const marker = responseMarker(code);
    const shown = await page
      .locator("pre")
      .filter({ hasText: marker })
      .first()
      .waitFor({ timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (!shown) missing.push(`response ${code} example (${marker})`);
    else layout.push(...(await codeLayoutDefects(page)));
  }
}

async function checkCodeSamples(page: Page, missing: string[], layout: string[]): Promise<void> {
  let current = codeSamples[0]!.label; // Redoc opens on the first sample
  for (const sample of codeSamples) {
    if (sample.label !== current) {
      await page.getByRole("button", { name: current, exact: true }).click();
      const item = page.getByRole("menuitem", { name: sample.label, exact: true });
      if ((await item.count()) === 0) {
        missing.push(`code sample "${sample.label}"`);
        await page.keyboard.press("Escape");
        continue;
      }
      await item.click();
      current = sample.label;
    }
    const shown = await page
      .locator("pre")
      .filter({ hasText: sample.line })
      .first()
      .waitFor({ timeout: 3_000 })
      .then(
        () => true,
        () => false,
      );
    if (!shown) missing.push(`code sample "${sample.label}" source`);
    else layout.push(...(await codeLayoutDefects(page)).map((defect) => `${sample.label}: ${defect}`));
  }
}

describe("docs in Chromium", () => {
  let browser: Browser;
  let work: string;

  beforeAll(async () => {
    browser = await launchChromium();
    work = await mkdtemp(path.join(tmpdir(), "kirim-docs-"));
    await mkdir(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("`npm run docs` builds a self-contained page: lands on the operation, 7 responses and 5 code samples laid out cleanly, links inside its subpath, offline", async () => {
    expect(codeSamples.map((sample) => sample.label)).toEqual(["curl", "fetch", "Go", "Rust", "Kirim client"]);
    const copy = await copyProject();
    onTestFinished(() => copy.remove());
    const build = await runScriptInProcess("docs.ts", [], copy.dir);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toContain("Docs: dist/docs/index.html");
    const page = copy.file("dist/docs/index.html");
    expect(await readFile(page, "utf8")).not.toMatch(/<script[^>]+src=["']https?:|<link[^>]+href=["']https?:/);

    const result = await inspect(browser, page, {
      landing: path.join(screenshotDir, "docs-landing.png"),
      operation: path.join(screenshotDir, "docs-update-a-customer.png"),
    });
    expect(result.missing).toEqual([]);
    expect(result.layout).toEqual([]);
    expect(result.escapes).toEqual([]);
    expect(result.external).toEqual([]);
  });

  test("the checks fail on Redoc's raw output of a spec without 402: CDN logo, lost response, hidden samples, layout, links", async () => {
    const broken = structuredClone(bundle);
    delete broken.paths["/customers/{id}"].patch.responses["402"];
    const brokenBundle = path.join(work, "broken.yaml");
    await writeFile(brokenBundle, stringify(broken));
    const raw = path.join(work, "raw.html");
    const build = await runCommand(
      bin("redocly"),
      ["build-docs", brokenBundle, "--inlineBundle", "--output", raw],
      work,
    );
    expect(build.code, build.stderr).toBe(0);

    const result = await inspect(browser, raw);
    expect(result.external.some((url) => url.startsWith("https://cdn.redoc.ly/"))).toBe(true);
    expect(result.missing).toContain("response 402");
    for (const label of ["fetch", "Rust", "Kirim client"]) expect(result.missing).toContain(`code sample "${label}"`);
    expect(result.missing.filter((entry) => /^response (200|401|404|422|429|500)/.test(entry))).toEqual([]);
    expect(result.missing).toContain("the operation on the landing page");
    expect(result.layout.some((defect) => defect.startsWith("blank band of"))).toBe(true);
    expect(result.layout.some((defect) => /^curl: code cut at the right/.test(defect))).toBe(true);
    expect(result.layout.some((defect) => /copy button over the code/.test(defect))).toBe(true);
    expect(result.escapes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^link \/customers → http:\/\/127\.0\.0\.1:\d+\/customers$/)]),
    );
  });
});
