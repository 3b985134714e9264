// Raw HTTP to Prism (loopback only), and readable explanations of what Prism found wrong.
import { operationPath } from "./spec.ts";

export const customerId = "cus_01HXYZABCDEFGHJKMNPQRSTVWX";
export const apiKey = "sk_test_contract";

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  id?: string;
  /** A value to send as JSON; ignored when `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  contentType?: string | null;
  /** The Authorization header; `null` sends none. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

export async function patchCustomer(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`refusing non-loopback ${baseUrl}`);
  const headers: Record<string, string> = { ...request.headers };
  const authorization = request.authorization === undefined ? `Bearer ${apiKey}` : request.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const contentType = request.contentType === undefined ? "application/json" : request.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const path = operationPath.replace("{id}", encodeURIComponent(request.id ?? customerId));
  const response = await fetch(new URL(path.slice(1), `${baseUrl}/`), {
    method: "PATCH",
    headers,
    body: request.rawBody ?? JSON.stringify(request.body),
    // Prism never answers some malformed requests; fail the case instead of hanging the run.
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

interface PrismViolation {
  location?: string[];
  code?: string | number;
  message?: string;
}

/**
 * What Prism reported about a request or response: its `sl-violations` header (mock) and the
 * `validation` list of its problem+json errors (`--errors`), e.g.
 * "response.body.data.email: Response body property data.email must match format "email"".
 */
export function prismViolations(headers: Headers, body: unknown): string[] {
  const found: PrismViolation[] = [];
  const header = headers.get("sl-violations");
  if (header) {
    try {
      found.push(...(JSON.parse(header) as PrismViolation[]));
    } catch {
      found.push({ message: header });
    }
  }
  const validation = (body as { validation?: unknown } | undefined)?.validation;
  if (Array.isArray(validation)) found.push(...(validation as PrismViolation[]));
  const lines = found.map((v) => `${(v.location ?? []).join(".")}: ${v.message ?? v.code ?? "violation"}`);
  return [...new Set(lines)];
}

/** A one-paragraph description of a response for assertion messages. */
export function explain(response: RawResponse): string {
  const violations = prismViolations(response.headers, response.json);
  return [
    `HTTP ${response.status}`,
    ...violations.map((line) => `  Prism: ${line}`),
    `  body: ${response.text.length > 600 ? `${response.text.slice(0, 600)}…` : response.text}`,
  ].join("\n");
}
