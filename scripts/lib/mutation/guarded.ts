// Code in src/ that guards a secret, an id, a retry decision or a timer: a mutant surviving here fails
// `npm run test:mutation` even when listed in scripts/lib/mutation/survivors.txt — it needs a test, not an excuse.
import type { GuardedArea } from "./report-gate.ts";

export const guardedAreas: GuardedArea[] = [
  { file: "src/redact.ts", guards: "every credential (redaction of what the server echoes)" },
  { file: "src/auth.ts", guards: "every credential (its checks, the scheme a call sends, basic's encoding)" },
  { file: "src/retry.ts", guards: "a retry decision" },
  {
    file: "src/hooks.ts",
    functions: ["runHook", "describeThrown"],
    guards: "every credential (a hook's error, redacted)",
  },
  { file: "src/log-redaction.ts", guards: "every credential (what a log line shows of headers and URLs)" },
  {
    file: "src/observe.ts",
    functions: ["createObserver", "bodyForLog"],
    guards: "every credential (each log line and hook error redacted with the attempt's secrets)",
  },
  { file: "src/retry-after.ts", guards: "a retry decision (Retry-After)" },
  { file: "src/runtime.ts", functions: ["sleep"], guards: "a timer (the pause between retries)" },
  {
    file: "src/params.ts",
    functions: ["pathSegment", "compilePath"],
    guards: "an id (a path parameter, the path's own text)",
  },
  { file: "src/options.ts", functions: ["resolveBaseUrl"], guards: "the credentials (none in baseUrl)" },
  { file: "src/options.ts", functions: ["resolveTimeoutMs"], guards: "a timer (timeoutMs)" },
  { file: "src/options.ts", functions: ["resolveShared"], guards: "a timer (totalTimeoutMs, checked there when set)" },
  {
    file: "src/environment.ts",
    functions: ["withEnvironmentDefaults", "environmentValue"],
    guards: "every credential (KIRIM_API_KEY, never over a key given in the options)",
  },
  { file: "src/idempotency-key.ts", guards: "a retry decision (the key that makes a POST safe to repeat)" },
  {
    file: "src/options.ts",
    functions: ["resolveMaxRetries"],
    guards: "a retry decision (maxRetries)",
  },
  { file: "src/client.ts", functions: ["attempt"], guards: "a timer (the per-attempt timeout)" },
  {
    file: "src/client.ts",
    functions: ["bindOperation"],
    guards:
      "an id, a credential and a retry decision (path parameters, the scheme chosen, a credential function called per attempt, the retry loop)",
  },
];
