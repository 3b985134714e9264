// Guards every npm script: on an older Node the TypeScript scripts cannot even load and would die with a raw
// stack, so this says what to do instead. Plain JavaScript on purpose, for the same reason.
import { pathToFileURL } from "node:url";

/** Prism 5.16 needs ≥ 24.18; Node runs our .ts scripts by itself from 24 on. */
export function isSupportedNode(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > 24 || (major === 24 && minor >= 18);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && !isSupportedNode(process.version)) {
  console.error(
    `✖ This project needs Node.js ≥ 24.18 (see .nvmrc); this is ${process.version}.\n` +
      "  Switch with `nvm use`, or provision it as .ci/run does: npm install --prefix .tools/node24 node@24",
  );
  process.exit(1);
}
