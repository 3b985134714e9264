// Moved: test/helpers/ is the home of test helpers. Kept only for test/bench/ (owned by another branch); import from
// test/helpers/ instead.
export { projectRoot } from "../../scripts/lib/tools.ts";
export { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
export { runCommand, runScript } from "../helpers/run.ts";
