// The published reference in a real browser: `npm run docs` builds one HTML file that, opened from a loopback server
// in Debian's Chromium, renders the operation, all seven response codes and every code sample, and requests nothing
// beyond loopback. The same checks fail on Redoc's raw output of a spec missing a response.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { bin, copyProject, projectRoot, runCommand, runScript } from "../support/project-copy.ts";

const chromiumPath = "/usr/bin/chromium";
const screenshotDir = path.join(projectRoot, "test-results", "publishing");
const operationUrl = "#/customers/updatecustomer";
const responseCodes = ["200", "401", "402", "404", "422", "429", "500"];

type Json = Record<string, any>;
const bundle = parse(await readFile(path.join(projectRoot, "generated/openapi.yaml"), "utf8")) as Json;
const operation = bundle.paths["/customers/{id}"].patch as Json;

/** What each response tab must show once selected: the example's error.code (distinct per status) or the 200's id. */
function responseMarker(code: string): string {
  let response = operation.responses[code] as Json;
  if (response.$ref) response = bundle.components.responses[String(response.$ref).split("/").pop()!];
  const example = Object.values(response.content["application/json"].examples as Json)[0].value as Json;
  return code === "200" ? example.data.id : example.error.code;
}

/** Each x-codeSamples entry: its tab label and a line of its source that must show when the tab is chosen. */
const codeSamples = (operation["x-codeSamples"] as { lang: string; label?: string; source: string }[]).map((sample) => ({
  label: sample.label ?? sample.lang,
  line: sample.source.split("\n").map((line) => line.trim()).find((line) => line.length >= 20)!,
}));

function isLoopback(url: string): boolean {
  const parsed = new URL(url);
  if (["data:", "blob:", "about:"].includes(parsed.protocol)) return true; // not network requests
  return ["127.0.0.1", "[::1]", "localhost"].includes(parsed.hostname);
}

/** Serves one file at / on 127.0.0.1, on a port the OS picks. */
async function serve(file: string): Promise<{ url: string; server: Server }> {
  const html = await readFile(file);
  const server = createServer((request, response) => {
    if (request.url !== "/" && request.url !== "/index.html") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

interface Inspection {
  /** Requests that tried to leave loopback (all were aborted, so the test never depends on the network). */
  external: string[];
  /** What should have rendered and did not. */
  missing: string[];
}

async function inspect(browser: Browser, file: string, screenshot?: string): Promise<Inspection> {
  const { url, server } = await serve(file);
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1400, height: 1000 } });
  const external: string[] = [];
  const missing: string[] = [];
  try {
    await context.route("**/*", (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
    const page = await context.newPage();
    page.on("request", (request) => void (isLoopback(request.url()) || external.push(request.url())));
    page.on("websocket", (socket) => void (isLoopback(socket.url()) || external.push(socket.url())));

    await page.goto(url + operationUrl);
    const heading = page.getByRole("heading", { name: "Update a customer" });
    if (!(await heading.waitFor({ timeout: 15_000 }).then(() => true, () => false))) {
      missing.push('heading "Update a customer"');
      return { external, missing };
    }
    await checkResponses(page, missing);
    await checkCodeSamples(page, missing);
    await page.waitForLoadState("networkidle");
    if (screenshot) {
      await heading.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshot, fullPage: false });
    }
    return { external, missing };
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function checkResponses(page: Page, missing: string[]): Promise<void> {
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
      .then(() => true, () => false);
    if (!shown) missing.push(`response ${code} example (${marker})`);
  }
}

async function checkCodeSamples(page: Page, missing: string[]): Promise<void> {
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
      .then(() => true, () => false);
    if (!shown) missing.push(`code sample "${sample.label}" source`);
  }
}

describe("docs in Chromium", () => {
  let browser: Browser;
  let work: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });
    work = await mkdtemp(path.join(tmpdir(), "kirim-docs-"));
    await mkdir(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test("`npm run docs` builds a self-contained page that renders the operation, its 7 responses and 5 code samples, offline", async () => {
    expect(codeSamples.map((sample) => sample.label)).toEqual(["curl", "fetch", "Go", "Rust", "Kirim client"]);
    const copy = await copyProject();
    onTestFinished(() => copy.remove());
    const build = await runScript("docs.ts", [], copy.dir);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toContain("Docs: dist/docs/index.html");
    const page = copy.file("dist/docs/index.html");
    expect(await readFile(page, "utf8")).not.toMatch(/<script[^>]+src=["']https?:|<link[^>]+href=["']https?:/);

    const result = await inspect(browser, page, path.join(screenshotDir, "docs-update-a-customer.png"));
    expect(result.missing).toEqual([]);
    expect(result.external).toEqual([]);
  });

  test("the checks fail on Redoc's raw output of a spec without 402: CDN logo request, lost response, hidden samples", async () => {
    const broken = structuredClone(bundle);
    delete broken.paths["/customers/{id}"].patch.responses["402"];
    const brokenBundle = path.join(work, "broken.yaml");
    await writeFile(brokenBundle, stringify(broken));
    const raw = path.join(work, "raw.html");
    const build = await runCommand(bin("redocly"), ["build-docs", brokenBundle, "--inlineBundle", "--output", raw], work);
    expect(build.code, build.stderr).toBe(0);

    const result = await inspect(browser, raw);
    expect(result.external.some((url) => url.startsWith("https://cdn.redoc.ly/"))).toBe(true);
    expect(result.missing).toContain("response 402");
    for (const label of ["fetch", "Rust", "Kirim client"]) expect(result.missing).toContain(`code sample "${label}"`);
    expect(result.missing.filter((entry) => /^response (200|401|404|422|429|500)/.test(entry))).toEqual([]);
  });
});
