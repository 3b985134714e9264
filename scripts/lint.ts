// npm run lint [-- --format github-actions]
import type { OutputFormat } from "@redocly/openapi-core";
import { main, parseOptions, StepFailed, step } from "./lib/cli/steps.ts";
import { lint, reportFormats } from "./lib/spec/lint.ts";
import { openSpecProject } from "./lib/spec/redocly-project.ts";

main(async () => {
  const format = parseFormat();
  const project = await openSpecProject();
  await step("lint", () => lint(project, format));
});

function parseFormat(): OutputFormat | undefined {
  const usage = `usage: npm run lint [-- --format ${reportFormats.join("|")}]`;
  const { format } = parseOptions({ options: { format: { type: "string" } } }, usage).values;
  if (format !== undefined && !(reportFormats as readonly string[]).includes(format)) {
    throw new StepFailed(`--format ${format} is not a report format.\n${usage}`);
  }
  return format as OutputFormat | undefined;
}
