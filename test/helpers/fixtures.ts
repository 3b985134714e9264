// Fixed values the tests share: the customer id the spec's examples use, bodies in the documented shapes, a clock.
import type { CustomerEnvelope } from "../../src/index.ts";
import type { Runtime } from "../../src/runtime.ts";

/** The customer id of the spec's examples (and of the public page it was built from). */
export const customerId = "cus_01HXYZABCDEFGHJKMNPQRSTVWX";

export function errorBody(type: string, code: string, message: string, extra: Record<string, string> = {}) {
  return { error: { type, code, message, request_id: "req_01HXYZERROR", ...extra } };
}

export const FIXED_NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

/** Records every requested pause instead of waiting; random() is 0.5 so backoff is exact. */
export function instantRuntime(): { runtime: Runtime; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    runtime: {
      async sleep(ms, signal) {
        sleeps.push(ms);
        signal?.throwIfAborted();
      },
      random: () => 0.5,
      now: () => FIXED_NOW,
    },
  };
}

export function customerEnvelope(overrides: Partial<CustomerEnvelope["data"]> = {}): CustomerEnvelope {
  return {
    data: {
      id: customerId,
      object: "customer",
      name: "Ada Lovelace",
      email: "hello@example.com",
      status: "active",
      metadata: { plan: "pro" },
      archived_at: null,
      team_id: "team_01HXYZABCDEFGHJKMNPQRSTVWX",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-11-27T12:00:00Z",
      ...overrides,
    },
    request_id: "req_01HXYZABCDEFGHJKMNPQRSTVWX",
  };
}
