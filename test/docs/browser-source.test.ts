// Where the browser tests get Chromium: from npm on Linux, never from apt, and from KIRIM_CHROMIUM when it is set.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { chooseChromium } from "../helpers/browser.ts";

test.runIf(process.platform === "linux")(
  "with no Chromium on PATH, the one inside @sparticuz/chromium is used",
  async () => {
    const chosen = await chooseChromium({ PATH: "" });
    expect(chosen.source).toBe("@sparticuz/chromium");
    expect(chosen.args).not.toContain("--disable-web-security");
  },
);

test("KIRIM_CHROMIUM names the binary, and a wrong one is a clear error, not a fallback", async () => {
  const chosen = await chooseChromium({ KIRIM_CHROMIUM: process.execPath }); // any executable will do for the choice
  expect(chosen).toMatchObject({ source: "KIRIM_CHROMIUM", executablePath: process.execPath });
  await expect(chooseChromium({ KIRIM_CHROMIUM: "/nonexistent/chromium" })).rejects.toThrow(
    "KIRIM_CHROMIUM=/nonexistent/chromium: no executable there.",
  );
});

test(".ci/run installs no system browser", async () => {
  const script = await readFile(path.join(projectRoot, ".ci/run"), "utf8");
  expect(script).not.toMatch(/apt-get|chromium/i);
});
