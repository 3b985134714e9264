// Small loopback servers standing in for a real Kirim API in the provider-verification tests:
// one that honours the spec (validates requests with Ajv, answers with the documented shapes) and
// variants that lie in one field of the 200 body.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomerEnvelope } from "../../../src/index.ts";
import type { LoadedSpec } from "../../helpers/bundled-spec.ts";
import { customerEnvelope, errorBody } from "../../helpers/fixtures.ts";
import { listenOnLoopback } from "../../helpers/loopback.ts";

export interface Upstream {
  /** Base URL to pass as --upstream (the equivalent of https://api.kirimdev.com/v1). */
  url: string;
  requests: number;
  close(): Promise<void>;
}

type Customer = CustomerEnvelope["data"];

/** How a lying server distorts a correct 200 body. */
export type Lie = (envelope: CustomerEnvelope) => unknown;

export const lies = {
  dropsTeamId: ((envelope) => {
    const { team_id: _dropped, ...data } = envelope.data;
    return { ...envelope, data };
  }) satisfies Lie,
  badEmail: ((envelope) => ({ ...envelope, data: { ...envelope.data, email: "not-an-email" } })) satisfies Lie,
};

export async function startUpstream(spec: LoadedSpec, lie?: Lie): Promise<Upstream> {
  let sequence = 0;
  const requestId = () => `req_${Date.now().toString(36)}${(sequence++).toString(36)}`;
  const stored = new Map<string, Customer>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, type: string, code: string, message: string, param?: string) =>
    send(res, status, errorBody(type, code, message, { ...(param ? { param } : {}), request_id: requestId() }));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let text = "";
    for await (const chunk of req) text += chunk;
    const match = /^\/v1\/customers\/([^/?#]+)$/.exec(req.url ?? "");
    if (!match) return fail(res, 404, "invalid_request_error", "route_missing", `No route ${req.method} ${req.url}.`);
    if (req.method !== "PATCH")
      return fail(res, 404, "invalid_request_error", "route_missing", `No route ${req.method} ${req.url}.`);
    if (!/^Bearer\s+\S+/.test(req.headers.authorization ?? "")) {
      return fail(
        res,
        401,
        "authentication_error",
        "invalid_api_key",
        "The API key provided is invalid or has been revoked.",
      );
    }
    const id = decodeURIComponent(match[1]!);
    if (!/^cus_[0-9A-Za-z]+$/.test(id))
      return fail(res, 404, "invalid_request_error", "resource_missing", `No such customer: "${id}".`, "id");
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
      return fail(res, 422, "invalid_request_error", "invalid_content_type", "Send the body as application/json.");
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(res, 422, "invalid_request_error", "invalid_json", "The body is not valid JSON.");
    }
    const validation = spec.validateRequest(body);
    if (!validation.valid) {
      const first = validation.errors[0] ?? "";
      const param = first.match(/^\/(\w+)/)?.[1] ?? first.match(/\('(.*)'\)$/)?.[1];
      const code = /additional properties/.test(first)
        ? "unknown_field"
        : /format "email"/.test(first)
          ? "invalid_email"
          : /must be/.test(first)
            ? "invalid_type"
            : /fewer than 1 properties/.test(first)
              ? "empty_update"
              : "value_out_of_range";
      return fail(res, 422, "invalid_request_error", code, `Invalid request: ${first}.`, param);
    }
    const previous = stored.get(id) ?? customerEnvelope({ id }).data;
    const customer: Customer = { ...previous, ...(body as Partial<Customer>), updated_at: new Date().toISOString() };
    stored.set(id, customer);
    const envelope: CustomerEnvelope = { data: customer, request_id: requestId() };
    return send(res, 200, lie ? lie(envelope) : envelope);
  }

  const server = await listenOnLoopback((req, res) => {
    upstream.requests++;
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  const upstream: Upstream = { url: `${server.origin}/v1`, requests: 0, close: server.close };
  return upstream;
}
