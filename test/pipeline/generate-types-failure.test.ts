// When openapi-typescript itself refuses a bundle (its own lint, or an unsupported document), the generate step fails
// with its message once, as a plain StepFailed: no stack, nothing printed behind our back.
import { afterEach, expect, test, vi } from "vitest";
import { StepFailed } from "../../scripts/lib/cli/steps.ts";
import { renderGenerated } from "../../scripts/lib/codegen/generate.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

const operation = (operationId: string) => ({ operationId, responses: { "204": { description: "Done." } } });

test("a bundle openapi-typescript rejects: one message, nothing else printed", async () => {
  const printed = vi.spyOn(console, "error");
  const duplicateIds = {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: { "/a": { get: operation("same") }, "/b": { get: operation("same") } },
  };
  const failure = await renderGenerated(duplicateIds).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(StepFailed);
  const message = (failure as StepFailed).message;
  expect(message).toMatch(/^openapi-typescript could not turn the bundle into types:\n {2}\S/);
  expect(message.match(/operationId/g)?.length, message).toBe(1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: no ANSI colour code (ESC [) may reach the message
  expect(message).not.toMatch(/\x1b\[|✘|\n\s+at /);
  expect(printed).not.toHaveBeenCalled();
  // console.error is itself again afterwards.
  console.error("after");
  expect(printed).toHaveBeenCalledWith("after");
});

test("an unsupported document: the reason, as a StepFailed", async () => {
  const failure = await renderGenerated({ swagger: "2.0", info: { title: "T", version: "1" }, paths: {} }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(StepFailed);
  expect((failure as Error).message).toContain("Unsupported Swagger version: 2.x");
});
