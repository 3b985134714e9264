// A Prism that exits mid-run is the mock's fault, not the operation's. The launcher restarts it (and prints a line
// saying why); meanwhile the front server answers 503 `mock_unavailable`. A test that gets that answer waits until
// the mock answers again and repeats its request once; if that request gets the same answer, Prism exits on it (or
// stays down), and the test fails with a MockFault that says so, instead of an assertion about the operation.
import { KirimApiError } from "../../../src/index.ts";
import { type Endpoint, type RawRequest, type RawResponse, sendRequest } from "./http.ts";

export class MockFault extends Error {
  constructor(message: string) {
    super(`mock fault (Prism, not the operation under test): ${message}`);
    this.name = "MockFault";
  }
}

/** How many requests found the mock down during this run (the suite prints it at the end). */
export const mockFaults = { retried: 0 };

const recoveryMs = 30_000;

function unavailable(status: number, body: unknown): boolean {
  return status === 503 && (body as { error?: { code?: unknown } } | undefined)?.error?.code === "mock_unavailable";
}

/** Waits until Prism answers behind the front server again (any answer but the front's 503). */
async function mockAnswering(baseUrl: string): Promise<boolean> {
  const deadline = Date.now() + recoveryMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.json().catch(() => undefined);
      if (!unavailable(response.status, body)) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Runs `attempt`; when the mock was down, waits for it and runs it once more; a second failure is a MockFault. */
async function outlastingRestarts<T>(
  baseUrl: string,
  what: string,
  attempt: () => Promise<T>,
  isDown: (result: T | unknown) => string | undefined,
): Promise<T> {
  for (let round = 0; ; round++) {
    let result: T;
    try {
      result = await attempt();
    } catch (error) {
      const down = isDown(error);
      if (!down) throw error;
      result = error as T;
    }
    const down = isDown(result);
    if (!down) return result;
    if (round === 1) throw new MockFault(`${what} got "${down}" twice: Prism exits on this request or stays down`);
    mockFaults.retried++;
    if (!(await mockAnswering(baseUrl)))
      throw new MockFault(`${what}: Prism did not answer again within ${recoveryMs / 1000} s ("${down}")`);
  }
}

/** sendRequest, outlasting a Prism restart. */
export function sendToMock(baseUrl: string, endpoint: Endpoint, request: RawRequest): Promise<RawResponse> {
  return outlastingRestarts(
    baseUrl,
    `${endpoint.httpMethod.toUpperCase()} ${endpoint.path}`,
    () => sendRequest(baseUrl, endpoint, request),
    (response) => {
      const raw = response as RawResponse;
      return unavailable(raw.status, raw.json) ? (raw.json as { error: { message: string } }).error.message : undefined;
    },
  );
}

/** A generated client call, outlasting a Prism restart (the client does not retry: maxRetries 0). */
export function callThroughMock<T>(baseUrl: string, what: string, call: () => Promise<T>): Promise<T> {
  return outlastingRestarts(baseUrl, what, call, (outcome) =>
    outcome instanceof KirimApiError && unavailable(outcome.status, outcome.body) ? outcome.message : undefined,
  );
}
