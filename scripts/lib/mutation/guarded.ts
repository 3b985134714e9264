// Code in src/ that guards a secret, an id, a retry decision or a timer: a mutant surviving here fails
// `npm run test:mutation` even when listed in scripts/lib/mutation/survivors.txt — it needs a test, not an excuse.
import type { GuardedArea } from "./report-gate.ts";

export const guardedAreas: GuardedArea[] = [
  { file: "src/redact.ts", guards: "the API key (redaction of what the server echoes)" },
  { file: "src/middleware.ts", guards: "the API key (the Authorization header)" },
  { file: "src/retry.ts", guards: "a retry decision" },
  { file: "src/retry-after.ts", guards: "a retry decision (Retry-After)" },
  { file: "src/runtime.ts", functions: ["sleep"], guards: "a timer (the pause between retries)" },
  { file: "src/options.ts", functions: ["pathSegment"], guards: "an id (a path parameter)" },
  { file: "src/options.ts", functions: ["resolveBaseUrl"], guards: "the API key (no credentials in baseUrl)" },
  { file: "src/options.ts", functions: ["resolveTimeoutMs", "isInteger"], guards: "a timer (timeoutMs)" },
  {
    file: "src/options.ts",
    functions: ["resolveMaxRetries", "isSafeInteger"],
    guards: "a retry decision (maxRetries)",
  },
  { file: "src/client.ts", functions: ["attempt"], guards: "a timer (the per-attempt timeout)" },
  {
    file: "src/client.ts",
    functions: ["bindOperation"],
    guards: "an id and a retry decision (path parameters, the retry loop)",
  },
];
