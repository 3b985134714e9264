// The answer the front server gives itself to a request Prism would never answer (error-answers.ts's
// unanswerableBody), shaped as the operation documents invalid requests, as Prism would: the first of 422 and 400 it
// documents (422 when neither), in that response's media type. The body is the API's Error (naming what was wrong)
// when the response's example is in that envelope (Kirim), else the spec's own example (another API's error format),
// else the Error body, or its message as text for a non-JSON media type.
import type { components } from "../../../generated/kirim-api.ts";
import { operationAt } from "./allowed-methods.ts";

type Json = any;
type ApiErrorBody = components["schemas"]["Error"];

export interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

function resolved(document: Json, node: Json): Json {
  let current = node;
  for (let hops = 0; hops < 20 && typeof current?.$ref === "string" && current.$ref.startsWith("#/"); hops++) {
    const steps = current.$ref
      .slice(2)
      .split("/")
      .map((step: string) => step.replaceAll("~1", "/").replaceAll("~0", "~"));
    current = steps.reduce((at: Json, step: string) => at?.[step], document);
  }
  return current;
}

function firstExample(document: Json, media: Json): unknown {
  if (media?.example !== undefined) return media.example;
  const first = Object.values<Json>(media?.examples ?? {})[0];
  return first === undefined ? undefined : resolved(document, first)?.value;
}

const isJson = (mediaType: string) => /^application\/([\w.-]+\+)?json\b/i.test(mediaType);

export function invalidRequestAnswer(spec: string, method: string, target: string, error: ApiErrorBody): Answer {
  const json = (status: number, contentType = "application/json") => ({
    status,
    contentType,
    text: JSON.stringify(error),
  });
  let found: ReturnType<typeof operationAt>;
  try {
    found = operationAt(spec, method, target);
  } catch {
    found = undefined;
  }
  if (!found) return json(422);
  const { operation, document } = found;
  const responses = operation.responses ?? {};
  const status = ["422", "400"].find((candidate) => candidate in responses);
  if (!status) return json(422);
  const content: Record<string, Json> = resolved(document, responses[status])?.content ?? {};
  const mediaType = Object.keys(content)[0];
  if (!mediaType) return { status: Number(status), contentType: undefined, text: "" };
  const example = firstExample(document, content[mediaType]);
  const inErrorEnvelope = typeof (example as { error?: unknown } | undefined)?.error === "object";
  if (isJson(mediaType))
    return example === undefined || inErrorEnvelope
      ? json(Number(status), mediaType)
      : { status: Number(status), contentType: mediaType, text: JSON.stringify(example) };
  return {
    status: Number(status),
    contentType: mediaType,
    text: typeof example === "string" ? example : error.error.message,
  };
}
