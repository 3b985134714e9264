import type { components } from "../generated/kirim-api.js";

/** The documented body of every 4xx/5xx response (the spec's shared `Error` schema, which lint enforces). */
export type ErrorEnvelope = components["schemas"]["Error"];
