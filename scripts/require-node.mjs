// Guards every npm script: on an older Node the TypeScript scripts cannot even load and would die with a raw
// stack, so this says what to do instead. Plain JavaScript on purpose, for the same reason.
import { pathToFileURL } from "node:url";

/** Prism 5.16 needs ≥ 24.18; Node runs our .ts scripts by itself from 24 on. */
export function isSupportedNode(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > 24 || (major === 24 && minor >= 18);
}

/** What to type to get a suitable Node, with or without nvm; also quoted in the README's Prerequisites. */
export function switchAdvice(version) {
  return [
    `✖ This project needs Node.js ≥ 24.18 (see .nvmrc); this is ${version}.`,
    "  With nvm:    nvm install && nvm use",
    "  Without nvm, from npm into this checkout (as .ci/run does), then put it first on PATH:",
    "    npm install --prefix .tools/node24 --no-save node@24",
    '    export PATH="$PWD/.tools/node24/node_modules/.bin:$PATH"',
    "  then run `npm ci` again.",
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && !isSupportedNode(process.version)) {
  console.error(switchAdvice(process.version));
  process.exit(1);
}
