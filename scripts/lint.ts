// npm run lint [-- --format github-actions]
import { lint } from "./lib/lint.ts";
import { main, step } from "./lib/step.ts";

main(() => step("lint", () => lint(process.argv.slice(2))));
