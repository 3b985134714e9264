// The one way tests get a Chromium, with nothing installed outside npm:
//   1. KIRIM_CHROMIUM=/path/to/chrome — use that binary (fails loudly when it does not exist);
//   2. on Linux, the Chromium that ships inside the @sparticuz/chromium package (unpacked to the temp folder once);
//   3. elsewhere (macOS, Windows, where that package has no binary), a Chrome or Chromium found on the machine.
import { access, constants, mkdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

export interface ChosenChromium {
  executablePath: string;
  args: string[];
  /** Where it came from, for messages. */
  source: "KIRIM_CHROMIUM" | "@sparticuz/chromium" | "system";
}

/**
 * --disable-gpu: pages are drawn by Skia's software raster instead of an emulated GPU (SwiftShader, which
 * @sparticuz/chromium turns on): the same layout, at half the CPU of the docs test.
 */
const quietArgs = [
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-gpu",
];

/**
 * @sparticuz/chromium's flags (tuned for AWS Lambda), minus the two that would weaken what the browser tests check
 * (same-origin rules), --single-process, under which closing one browser context takes the whole browser down, and
 * those that draw through SwiftShader (see --disable-gpu above).
 */
const dropped = new Set([
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--single-process",
  "--use-gl=angle",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--in-process-gpu",
  "--ignore-gpu-blocklist",
]);

const systemCandidates: Record<string, string[]> = {
  darwin: [
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ],
  win32: [
    "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
    "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
  ],
  linux: ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"],
};

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  if (path.isAbsolute(name)) return (await isExecutable(name)) ? name : undefined;
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * @sparticuz/chromium unpacks its binary to the temp folder and reuses any file already there, so a second test
 * process starting while the first is still writing would launch half a binary. One process unpacks (holding a lock
 * folder), then leaves a marker; the others wait for it. A lock older than two minutes is a crashed holder's.
 */
async function unpackOnce(unpack: () => Promise<string>): Promise<string> {
  const ready = path.join(tmpdir(), "kirim-chromium.ready");
  const lock = path.join(tmpdir(), "kirim-chromium.lock");
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (
      await stat(ready).then(
        () => true,
        () => false,
      )
    )
      return unpack(); // already unpacked: returns its path at once
    const locked = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (locked) {
      try {
        const executable = await unpack();
        await writeFile(ready, executable);
        return executable;
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    const age = await stat(lock).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > 120_000) await rm(lock, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("Timed out waiting for another process to unpack @sparticuz/chromium.");
}

export async function chooseChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChosenChromium> {
  const named = env.KIRIM_CHROMIUM;
  if (named) {
    if (!(await isExecutable(named))) throw new Error(`KIRIM_CHROMIUM=${named}: no executable there.`);
    return { executablePath: named, args: ["--no-sandbox", ...quietArgs], source: "KIRIM_CHROMIUM" };
  }
  if (process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64")) {
    const packaged = (await import("@sparticuz/chromium")).default;
    const args = packaged.args.filter((arg) => !dropped.has(arg));
    return {
      executablePath: await unpackOnce(() => packaged.executablePath()),
      args: [...args, ...quietArgs],
      source: "@sparticuz/chromium",
    };
  }
  for (const candidate of systemCandidates[process.platform] ?? []) {
    const found = await findOnPath(candidate, env.PATH ?? "");
    if (found) return { executablePath: found, args: ["--no-sandbox", ...quietArgs], source: "system" };
  }
  throw new Error(
    `No Chromium for ${process.platform}/${process.arch}: @sparticuz/chromium ships Linux builds only, and no Chrome or ` +
      "Chromium was found. Set KIRIM_CHROMIUM to a Chrome or Chromium binary.",
  );
}

export async function launchChromium(): Promise<Browser> {
  const chosen = await chooseChromium();
  try {
    return await chromium.launch({ executablePath: chosen.executablePath, args: chosen.args, headless: true });
  } catch (error) {
    throw new Error(
      `Chromium from ${chosen.source} (${chosen.executablePath}) did not start: ${(error as Error).message}`,
    );
  }
}
