// The docs' code samples (x-codeSamples of every operation of the served bundle, i.e. openapi/code_samples/**) must work.
// - curl, JavaScript (fetch) and TypeScript (the Kirim client) are executed against Prism: the production
//   server URL is swapped for Prism's URL in the source, and the TypeScript sample's "@kirim/client" import is
//   bundled (esbuild) from the local src/ through a shim that gives createKirimClient Prism's URL as its
//   default baseUrl — the sample itself relies on the default, so the shim stands in for it.
// - Go and Rust cannot run here; their URL, method, bearer auth and body are extracted and checked against
//   the spec (path template, method, request schema with Ajv).
// A sample in the docs that does not work fails the suite; so does a sample in a language nobody checks.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot, type RunResult, run } from "../../scripts/lib/cli/run-tools.ts";
import type { SpecOperation } from "../helpers/bundled-spec.ts";
import { apiKey } from "./lib/http.ts";
import { contractSpecs, servesClientApi } from "./lib/target.ts";

interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

const { target, served, client: clientSpec } = contractSpecs();
const baseUrl = target.baseUrl;
const serverUrl: string = served.doc.servers?.[0]?.url;
const withSamples = served.operations().filter((op) => samples(op).length > 0);
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "kirim-samples-"));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function samples(op: SpecOperation): CodeSample[] {
  return (op.raw["x-codeSamples"] ?? []) as CodeSample[];
}

function sample(op: SpecOperation, lang: string): CodeSample | undefined {
  return samples(op).find((candidate) => candidate.lang === lang);
}

/** Points a sample at Prism; refuses to run one that would still reach a non-loopback host. */
function againstMock(source: string): string {
  expect(serverUrl, "the spec has no servers[0].url").toMatch(/^https:\/\//);
  expect(
    source.includes(serverUrl) || !/https?:\/\//.test(source),
    `the sample does not use the spec's server URL ${serverUrl}`,
  ).toBe(true);
  const swapped = source.replaceAll(serverUrl, baseUrl);
  const remote = swapped.match(/https?:\/\/(?!127\.0\.0\.1[:/])[^\s'"`]+/);
  expect(remote?.[0], "the sample would call a host other than Prism").toBeUndefined();
  return swapped;
}

/** Runs a sample; a program that cannot start is a failed run with the reason as its stderr. */
async function runProgram(command: string, args: string[]): Promise<RunResult> {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? workDir, KIRIM_API_KEY: apiKey, NO_COLOR: "1" };
  try {
    return await run(command, args, { cwd: workDir, env, quiet: true, timeoutMs: 30_000 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 1, output: message, stdout: "", stderr: message };
  }
}

const report = (ran: RunResult) => `exit ${ran.code}\nstdout: ${ran.stdout}\nstderr: ${ran.stderr}`;

/** `/v1/customers/cus_…` (after the server URL) must be the operation's path template with each parameter filled. */
function expectOperationUrl(op: SpecOperation, url: string | undefined) {
  expect(url, "no URL found in the sample").toBeDefined();
  expect(url!.startsWith(serverUrl), `${url} is not under the spec's server URL ${serverUrl}`).toBe(true);
  const rest = url!.slice(serverUrl.length).replace(/\?.*$/, "");
  const template = new RegExp(
    `^${op.model.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/?#]+")}$`,
  );
  expect(rest, `path does not match ${op.model.path}`).toMatch(template);
}

function expectValidBody(op: SpecOperation, body: unknown) {
  const ops = [op, clientSpec.operations().find((candidate) => candidate.name === op.name)];
  for (const candidate of new Set(ops.filter((each): each is SpecOperation => each !== undefined))) {
    expect(candidate.validateRequest(body).errors, `request body ${JSON.stringify(body)} of ${op.label}`).toEqual([]);
  }
}

/** The text between `open` (which must end with an opening bracket) and its matching closing bracket. */
function balanced(source: string, open: string): string | undefined {
  const start = source.indexOf(open);
  if (start < 0) return undefined;
  const first = start + open.length - 1;
  const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = first; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return source.slice(first, i + 1);
    }
  }
  return undefined;
}

const withoutTrailingCommas = (text: string) => text.replace(/,(\s*[}\]])/g, "$1");

const checked = ["Shell", "JavaScript", "TypeScript", "Go", "Rust"];

// Kirim's docs carry samples for every operation; another API's spec need not.
it.runIf(servesClientApi(served, clientSpec))("the spec's operations carry code samples", () => {
  expect(withSamples.length, `no operation of ${served.file} has x-codeSamples`).toBeGreaterThan(0);
});

describe.each(withSamples.map((op) => [op.label, op] as const))("code samples of %s", (_label, op) => {
  const upper = op.model.httpMethod.toUpperCase();
  const lower = op.model.httpMethod;

  it("every sample is in a language this suite checks", () => {
    for (const { lang } of samples(op)) expect(checked, `nobody checks the ${lang} sample`).toContain(lang);
  });

  it.runIf(sample(op, "Shell"))("curl runs against Prism and gets a 2xx with a valid body", async () => {
    const source = sample(op, "Shell")!.source;
    if (upper !== "GET") expect(source).toMatch(new RegExp(`--request\\s+${upper}|-X\\s+${upper}`));
    expect(source, "curl exits 0 on an HTTP error without --fail-with-body").toMatch(/--fail-with-body|--fail\b|-f\b/);
    const ran = await runProgram("bash", ["--noprofile", "--norc", "-e", "-c", againstMock(source)]);
    expect(ran.code, report(ran)).toBe(0);
    const status = String(op.model.successStatuses[0]);
    if (op.hasJsonBody(status)) {
      expect(ran.stdout.trim(), "curl printed no response body").not.toBe("");
      expect(op.validateResponse(status, JSON.parse(ran.stdout)).errors, served.file).toEqual([]);
    }
    const data = source.match(/--data(?:-raw)?\s+'([^']*)'/)?.[1];
    if (op.model.body === "required") expect(data, "the curl sample sends no --data").toBeDefined();
    if (data !== undefined) expectValidBody(op, JSON.parse(data));
    expectOperationUrl(op, source.match(/--url\s+(\S+)/)?.[1]);
  });

  it.runIf(sample(op, "JavaScript"))("JavaScript (fetch) runs against Prism and succeeds", async () => {
    const source = sample(op, "JavaScript")!.source;
    if (upper !== "GET") expect(source).toMatch(new RegExp(`method:\\s*['"\`]${upper}['"\`]`));
    const file = path.join(workDir, `${op.name}.mjs`);
    await writeFile(file, againstMock(source));
    const ran = await runProgram(process.execPath, [file]);
    expect(ran.code, report(ran)).toBe(0);
    expect(ran.stdout.trim(), "the sample prints nothing").not.toBe("");
    expectOperationUrl(op, source.match(/fetch\(\s*['"`]([^'"`]+)/)?.[1]);
  });

  it.runIf(sample(op, "TypeScript"))("TypeScript (Kirim client) runs against Prism and succeeds", async () => {
    const shim = path.join(workDir, "kirim-client-shim.ts");
    const clientEntry = path.join(projectRoot, "src/index.ts");
    await writeFile(
      shim,
      [
        `import { createKirimClient as createWithDefaults } from ${JSON.stringify(clientEntry)};`,
        `export * from ${JSON.stringify(clientEntry)};`,
        `// The mock's URL plays the part of the production default; an explicit baseUrl is kept (already swapped).`,
        `export function createKirimClient(options: Parameters<typeof createWithDefaults>[0]) {`,
        `  return createWithDefaults({ ...options, baseUrl: options.baseUrl ?? ${JSON.stringify(baseUrl)} });`,
        `}`,
      ].join("\n"),
    );
    const source = sample(op, "TypeScript")!.source;
    expect(source, "the TypeScript sample must import the published package").toContain('"@kirim/client"');
    expect(source, `the TypeScript sample must call the generated method ${op.name}`).toContain(
      `.${op.model.resource}.${op.model.method}(`,
    );
    const entry = path.join(workDir, `${op.name}.ts`);
    await writeFile(entry, againstMock(source));
    const bundled = path.join(workDir, `${op.name}.bundle.mjs`);
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node24",
      outfile: bundled,
      alias: { "@kirim/client": shim },
      nodePaths: [path.join(projectRoot, "node_modules")],
      logLevel: "silent",
    });
    const ran = await runProgram(process.execPath, [bundled]);
    expect(ran.code, report(ran)).toBe(0);
    expect(ran.stdout.trim(), "the sample prints nothing").not.toBe("");
  });

  it.runIf(sample(op, "Go"))("Go: URL, method, bearer auth and body match the spec", () => {
    const source = sample(op, "Go")!.source;
    expect(source).toMatch(new RegExp(`http\\.Method${upper[0]}${lower.slice(1)}|"${upper}"`));
    expect(source).toMatch(/"Authorization",\s*"Bearer "/);
    expectOperationUrl(op, source.match(/"(https?:\/\/[^"]+)"/)?.[1]);
    if (!op.model.body) return;
    const literal = balanced(source, "json.Marshal(");
    expect(literal, "no json.Marshal(...) body").toBeDefined();
    const json = withoutTrailingCommas(literal!.slice(1, -1).replace(/map\[string\](?:any|interface\{\})\{/g, "{"));
    expectValidBody(op, JSON.parse(json));
  });

  it.runIf(sample(op, "Rust"))("Rust: URL, method, bearer auth and body match the spec", () => {
    const source = sample(op, "Rust")!.source;
    expect(source).toMatch(new RegExp(`\\.${lower}\\(|Method::${upper}`));
    expect(source).toMatch(/\.bearer_auth\(|"Authorization"/);
    expectOperationUrl(
      op,
      source.match(new RegExp(`\\.${lower}\\(\\s*"([^"]+)"`))?.[1] ?? source.match(/"(https?:\/\/[^"]+)"/)?.[1],
    );
    if (!op.model.body) return;
    const literal = balanced(source, "json!(");
    expect(literal, "no json!(...) body").toBeDefined();
    expectValidBody(op, JSON.parse(withoutTrailingCommas(literal!.slice(1, -1))));
  });
});
