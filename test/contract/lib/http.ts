// Raw HTTP to Prism (loopback only), and readable explanations of what Prism found wrong.

import type { OperationModel } from "../../../scripts/lib/codegen/operation-model.ts";
import { operationMethod, operationPath } from "../../helpers/bundled-spec.ts";
import { customerId } from "../../helpers/fixtures.ts";
import { isLoopbackUrl } from "../../helpers/loopback.ts";

export const apiKey = "sk_test_contract";

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  /** Path parameters by name; for the seed's operation, `id` defaults to {@link customerId}. */
  path?: Record<string, string>;
  /** The path values are already serialised and percent-encoded (wire.ts), so they are sent as they are. */
  encodedPath?: boolean;
  /** Query parameters; arrays repeat the name (OpenAPI's default form/explode style). */
  query?: Record<string, unknown>;
  /** An encoded query string (without `?`), sent after `query`'s pairs. */
  rawQuery?: string;
  /** A value to send as JSON; ignored when `rawBody` is given. Undefined sends no body. */
  body?: unknown;
  rawBody?: string | FormData;
  contentType?: string | null;
  /** The Authorization header; `null` sends none. */
  authorization?: string | null;
  headers?: Record<string, string>;
}

/** An operation to call: its HTTP method and path template (an operation's `model` will do). */
export type Endpoint = Pick<OperationModel, "httpMethod" | "path">;

function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Sends one request exactly as described (no client in between), to Prism on loopback. */
export async function sendRequest(baseUrl: string, endpoint: Endpoint, request: RawRequest): Promise<RawResponse> {
  if (!isLoopbackUrl(baseUrl)) throw new Error(`refusing non-loopback ${baseUrl}`);
  const headers: Record<string, string> = { ...request.headers };
  const authorization = request.authorization === undefined ? `Bearer ${apiKey}` : request.authorization;
  if (authorization !== null) headers.authorization = authorization;
  const hasBody = request.rawBody !== undefined || request.body !== undefined;
  const contentType = request.contentType === undefined ? (hasBody ? "application/json" : null) : request.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const path = endpoint.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = request.path?.[name];
    if (value === undefined)
      throw new Error(`no value for path parameter ${name} of ${endpoint.httpMethod} ${endpoint.path}`);
    return request.encodedPath ? value : encodeURIComponent(value);
  });
  const query = [queryString(request.query).slice(1), request.rawQuery ?? ""].filter(Boolean).join("&");
  const response = await fetch(new URL(`${path.slice(1)}${query ? `?${query}` : ""}`, `${baseUrl}/`), {
    method: endpoint.httpMethod.toUpperCase(),
    headers,
    body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
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

/** The seed's operation, PATCH /customers/{id}, always labelled as JSON (the seed tests vary what they send). */
export function patchCustomer(baseUrl: string, request: RawRequest & { id?: string }): Promise<RawResponse> {
  const { id, ...rest } = request;
  const contentType = rest.contentType === undefined ? "application/json" : rest.contentType;
  return sendRequest(
    baseUrl,
    { httpMethod: operationMethod, path: operationPath },
    { ...rest, contentType, path: { id: id ?? customerId } },
  );
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
