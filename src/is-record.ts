/** A plain object (not null, not an array): what JSON bodies, options and query objects must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
