// `npm run dev -- --mock`: every save of openapi/ reruns lint → bundle → generate → typecheck with one line per run; a
// broken save prints the error at its file and line, keeps watching, leaves generated/ byte for byte as it was (and
// Prism serving the last good bundle); what a good save writes is exactly what `npm run generate` writes.
import { type ChildProcess, spawn } from "node:child_process";
import { rename } from "node:fs/promises";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { parsePort } from "../../scripts/lib/mock/prism-launcher.ts";
import { customerId } from "../helpers/fixtures.ts";
import { copyProject, specAndClientParts } from "../helpers/project-copy.ts";
import { runScript, runScriptInProcess } from "../helpers/run.ts";

const statusLine = /^([✔✖]) \d\d:\d\d:\d\d (.*)$/;
const goodLine = /^✔ \d\d:\d\d:\d\d lint\+bundle\+generate \d+\.\d\d s, typecheck \d+\.\d\d s$/;
const unchangedLine =
  /^✔ \d\d:\d\d:\d\d lint\+bundle\+generate \d+\.\d\d s, typecheck \d+\.\d\d s \(generated\/ unchanged\)$/;
const customerUrl = `/customers/${customerId}`;

/** The watcher's output so far, and a way to wait for what it prints next. */
function follow(child: ChildProcess) {
  let output = "";
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const statuses = () => output.split("\n").filter((line) => statusLine.test(line));
  async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (child.exitCode !== null)
        throw new Error(`watcher exited (${child.exitCode}) while waiting for ${what}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  }
  return {
    output: () => output,
    /** Waits for status line number `n` (1-based) and returns it. */
    status: (n: number) => until(`status line ${n}`, () => statuses()[n - 1]),
    until,
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM"); // the watcher's own process group: it and the Prism it started
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), 5_000));
  if ((await Promise.race([exited, timeout])) === "timeout") process.kill(-child.pid, "SIGKILL");
}

async function customerName(port: string): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${customerUrl}`, {
      method: "PATCH",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: JSON.stringify({ name: "Anyone" }),
    });
    if (response.status !== 200) return undefined;
    return ((await response.json()) as { data: { name: string } }).data.name;
  } catch {
    return undefined; // Prism is restarting
  }
}

test("npm run dev regenerates on each save, survives a broken save, and its Prism serves the change", async () => {
  const copy = await copyProject(specAndClientParts);
  onTestFinished(() => copy.remove());
  const child = spawn(process.execPath, [path.join(projectRoot, "scripts/dev.ts"), "--mock", "--port", "0"], {
    cwd: copy.dir,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() reaches Prism too
  });
  onTestFinished(() => stop(child));
  const dev = follow(child);

  // Start: one successful run, then Prism on the bundle.
  expect(await dev.status(1)).toMatch(unchangedLine);
  const port = await dev.until("Prism's port", () => /Mock: http:\/\/127\.0\.0\.1:(\d+)/.exec(dev.output())?.[1]);
  expect(await waitForName(port, "Ada Lovelace")).toBe("Ada Lovelace");

  /** Makes an edit and returns the status line of the run it caused (the last one, if the save fired twice). */
  async function save(edit: () => Promise<void>): Promise<string> {
    const before = countStatuses(dev.output());
    await edit();
    await dev.status(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a straggling event would have started a rerun by now
    const lines = dev
      .output()
      .split("\n")
      .filter((line) => statusLine.test(line));
    return lines[lines.length - 1]!;
  }

  // A good save: a new field and a new example name → ✔, fresh types, and Prism answers with the new example.
  const good = await save(async () => {
    await copy.edit(
      "openapi/components/schemas/Customer.yaml",
      "  team_id:\n",
      "  nickname:\n    type: string\n    description: Short name.\n  team_id:\n",
    );
    await copy.edit(
      "openapi/paths/customers_{id}.yaml",
      "                  name: Ada Lovelace\n",
      "                  name: Grace Hopper\n",
    );
  });
  expect(good).toMatch(goodLine);
  expect(await copy.read("generated/kirim-api.ts")).toContain("nickname?: string;");
  expect(await waitForName(port, "Grace Hopper")).toBe("Grace Hopper");
  // The drift check (which builds generated/ as `npm run generate` does) agrees with the watcher to the byte.
  const drift = await runScriptInProcess("check-generated.ts", [], copy.dir);
  expect(drift.stderr).toBe("");
  expect(drift.code).toBe(0);
  const lastGood = {
    bundle: await copy.read("generated/openapi.yaml"),
    types: await copy.read("generated/kirim-api.ts"),
  };

  // A broken save (a property without a description): ✖ with the lint error at its line, still running, generated/
  // byte for byte as the last good save left it.
  const broken = await save(() =>
    copy.edit("openapi/components/schemas/Customer.yaml", "    description: Short name.\n", ""),
  );
  expect(broken).toMatch(/^✖ \d\d:\d\d:\d\d lint failed after \d+\.\d\d s:$/);
  expect(dev.output()).toMatch(
    /^ {4}openapi\/components\/schemas\/Customer\.yaml:\d+:\d+ {2}error {2}rule\/schema-property-has-description {2}Every schema property must have a description\.$/m,
  );
  expect(child.exitCode).toBeNull();
  expect(await copy.read("generated/openapi.yaml")).toBe(lastGood.bundle);
  expect(await copy.read("generated/kirim-api.ts")).toBe(lastGood.types);
  expect(await customerName(port)).toBe("Grace Hopper");

  // The fix: ✔ again.
  const fixed = await save(() =>
    copy.edit(
      "openapi/components/schemas/Customer.yaml",
      "  nickname:\n    type: string\n",
      "  nickname:\n    type: string\n    description: Short name, fixed.\n",
    ),
  );
  expect(fixed).toMatch(goodLine);
  expect(await copy.read("generated/kirim-api.ts")).toContain("Short name, fixed.");
  expect(child.exitCode).toBeNull();

  // redocly.yaml is watched too: a broken lint config (saved by renaming a new file into place, as many editors do)
  // says so, and its fix, written in place into that new file, is picked up again.
  const config = await copy.read("redocly.yaml");
  const badConfig = await save(async () => {
    await copy.write(
      "redocly.yaml.new",
      config.replace("  info-contact: error\n", "  info-contact: error\n  no-such-rule: error\n"),
    );
    await rename(copy.file("redocly.yaml.new"), copy.file("redocly.yaml"));
  });
  expect(badConfig).toMatch(/^✖ \d\d:\d\d:\d\d lint config failed to load:$/);
  expect(dev.output()).toMatch(/^ {4}redocly\.yaml:\d+:\d+ {2}error {2}.*`no-such-rule` is not expected here\.$/m);
  const goodConfig = await save(() => copy.write("redocly.yaml", config));
  expect(goodConfig).toMatch(unchangedLine);
  expect(child.exitCode).toBeNull();

  // Ctrl-C (SIGINT to the watcher alone, not its process group) stops it and the Prism it started.
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  process.kill(child.pid!, "SIGINT");
  expect(await exited).toBe(0);
  await expect(
    fetch(`http://127.0.0.1:${port}${customerUrl}`, { signal: AbortSignal.timeout(2_000) }),
  ).rejects.toThrow();
});

function countStatuses(output: string): number {
  return output.split("\n").filter((line) => statusLine.test(line)).length;
}

async function waitForName(port: string, name: string): Promise<string | undefined> {
  const deadline = Date.now() + 20_000;
  let last: string | undefined;
  while (Date.now() < deadline) {
    last = await customerName(port);
    if (last === name) return last;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return last;
}

// One child proves the script's exit code and output (a child costs a second of CPU: dev.ts loads the spec tooling
// before it reads its arguments); the other value goes to the same parsePort in process.
test("`npm run dev -- --port=1e3` is a usage error naming the value, not a stack; so is `--port x`", async () => {
  const { code, stderr } = await runScript("dev.ts", ["--port=1e3"], projectRoot);
  expect(code).toBe(1);
  expect(stderr).toContain('--port needs a port number (0 picks a free one); got "1e3".');
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(() => parsePort("x")).toThrow('--port needs a port number (0 picks a free one); got "x".');
});
