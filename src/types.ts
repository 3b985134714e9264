/**
 * The body of the spec's error responses: its `Error` schema when it has one, else Kirim's `{ error?: { … } }`
 * envelope with every field optional (generated/client.ts decides which).
 */
export type { ErrorEnvelope } from "../generated/client.js";
