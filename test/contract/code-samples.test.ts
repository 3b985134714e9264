// The docs' code samples (x-codeSamples of the served bundle, i.e. openapi/code_samples/**) must work.
// - curl, JavaScript (fetch) and TypeScript (the Kirim client) are executed against Prism: the production
//   server URL is swapped for Prism's URL in the source, and the TypeScript sample's "@kirim/client" import is
//   bundled (esbuild) from the local src/ through a shim that gives createKirimClient Prism's URL as its
//   default baseUrl — the sample itself relies on the default, so the shim stands in for it.
// - Go and Rust cannot run here; their URL, method, bearer auth and body are extracted and checked against
//   the spec (path template, method, request schema with Ajv).
// A sample in the docs that does not work fails the suite; so does a sample in a language nobody checks.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../scripts/lib/tools.ts";
import { apiKey } from "./lib/http.ts";
import { loadSpec, operationPath, type LoadedSpec } from "./lib/spec.ts";
import { contractTarget } from "./lib/target.ts";

interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

let served: LoadedSpec;
let clientSpec: LoadedSpec;
let baseUrl: string;
let serverUrl: string;
let workDir: string;

beforeAll(async () => {
  const target = contractTarget();
  served = loadSpec(target.specPath);
  clientSpec = loadSpec(target.clientSpecPath);
  baseUrl = target.baseUrl;
  serverUrl = served.doc.servers?.[0]?.url;
  workDir = await mkdtemp(path.join(tmpdir(), "kirim-samples-"));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function samples(): CodeSample[] {
  return (served.operation()["x-codeSamples"] ?? []) as CodeSample[];
}

function sample(lang: string): CodeSample {
  const found = samples().find((candidate) => candidate.lang === lang);
  if (!found) throw new Error(`no ${lang} sample in x-codeSamples of ${served.file}`);
  return found;
}

/** Points a sample at Prism; refuses to run one that would still reach a non-loopback host. */
function againstMock(source: string): string {
  expect(serverUrl, "the spec has no servers[0].url").toMatch(/^https:\/\//);
  expect(source.includes(serverUrl) || !/https?:\/\//.test(source), `the sample does not use the spec's server URL ${serverUrl}`).toBe(true);
  const swapped = source.replaceAll(serverUrl, baseUrl);
  const remote = swapped.match(/https?:\/\/(?!127\.0\.0\.1[:/])[^\s'"`]+/);
  expect(remote?.[0], "the sample would call a host other than Prism").toBeUndefined();
  return swapped;
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function runProgram(command: string, args: string[]): Promise<Ran> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd: workDir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? workDir, KIRIM_API_KEY: apiKey, NO_COLOR: "1" },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr || failed.message };
  }
}

const report = (ran: Ran) => `exit ${ran.code}\nstdout: ${ran.stdout}\nstderr: ${ran.stderr}`;

/** `/v1/customers/cus_…` (after the server URL) must be the operation's path template with a non-empty id. */
function expectOperationUrl(url: string | undefined) {
  expect(url, "no URL found in the sample").toBeDefined();
  expect(url!.startsWith(serverUrl), `${url} is not under the spec's server URL ${serverUrl}`).toBe(true);
  const rest = url!.slice(serverUrl.length);
  const template = new RegExp(`^${operationPath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("\\{id\\}", "[^/?#]+")}$`);
  expect(rest, `path does not match ${operationPath}`).toMatch(template);
}

function expectValidBody(body: unknown) {
  for (const spec of new Set([served, clientSpec])) {
    expect(spec.validateRequest(body).errors, `request body ${JSON.stringify(body)} against ${spec.file}`).toEqual([]);
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

describe("code samples", () => {
  it("every sample is in a language this suite checks", () => {
    const checked = ["Shell", "JavaScript", "TypeScript", "Go", "Rust"];
    expect(samples().length).toBeGreaterThan(0);
    for (const { lang } of samples()) expect(checked, `nobody checks the ${lang} sample`).toContain(lang);
  });

  it("curl runs against Prism and gets a 200 with a valid Customer", async () => {
    const source = sample("Shell").source;
    expect(source).toMatch(/--request\s+PATCH|-X\s+PATCH/);
    const ran = await runProgram("bash", ["--noprofile", "--norc", "-e", "-c", againstMock(source)]);
    expect(ran.code, report(ran)).toBe(0);
    const body = JSON.parse(ran.stdout);
    for (const spec of new Set([served, clientSpec])) expect(spec.validateResponse("200", body).errors, spec.file).toEqual([]);
    const data = source.match(/--data(?:-raw)?\s+'([^']*)'/)?.[1];
    expect(data, "the curl sample sends no --data").toBeDefined();
    expectValidBody(JSON.parse(data!));
    expectOperationUrl(source.match(/--url\s+(\S+)/)?.[1]);
  });

  it("JavaScript (fetch) runs against Prism and succeeds", async () => {
    const file = path.join(workDir, "patch.mjs");
    await writeFile(file, againstMock(sample("JavaScript").source));
    const ran = await runProgram(process.execPath, [file]);
    expect(ran.code, report(ran)).toBe(0);
    expect(ran.stdout).toContain("cus_");
    expectOperationUrl(sample("JavaScript").source.match(/fetch\(\s*['"`]([^'"`]+)/)?.[1]);
  });

  it("TypeScript (Kirim client) runs against Prism and succeeds", async () => {
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
    const source = sample("TypeScript").source;
    expect(source, "the TypeScript sample must import the published package").toContain('"@kirim/client"');
    const entry = path.join(workDir, "patch.ts");
    await writeFile(entry, againstMock(source));
    const bundled = path.join(workDir, "patch.bundle.mjs");
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
    expect(ran.stdout).toMatch(/cus_\S+ \S+ req_\S+/);
  });

  it("Go: URL, method, bearer auth and body match the spec", () => {
    const source = sample("Go").source;
    expect(source).toMatch(/http\.MethodPatch|"PATCH"/);
    expect(source).toMatch(/"Authorization",\s*"Bearer "/);
    expectOperationUrl(source.match(/"(https?:\/\/[^"]+)"/)?.[1]);
    const literal = balanced(source, "json.Marshal(");
    expect(literal, "no json.Marshal(...) body").toBeDefined();
    const json = withoutTrailingCommas(literal!.slice(1, -1).replace(/map\[string\](?:any|interface\{\})\{/g, "{"));
    expectValidBody(JSON.parse(json));
  });

  it("Rust: URL, method, bearer auth and body match the spec", () => {
    const source = sample("Rust").source;
    expect(source).toMatch(/\.patch\(/);
    expect(source).toMatch(/\.bearer_auth\(|"Authorization"/);
    expectOperationUrl(source.match(/\.patch\(\s*"([^"]+)"/)?.[1]);
    const literal = balanced(source, "json!(");
    expect(literal, "no json!(...) body").toBeDefined();
    expectValidBody(JSON.parse(withoutTrailingCommas(literal!.slice(1, -1))));
  });
});
