// How Prism's `sl-violations` header travels: as ASCII-only JSON that fits in one header line.
//
// Prism 5.16 (prism-http-server's addViolationHeader) writes `JSON.stringify(violations)` into that header. The
// violations echo what the client sent (an unknown body key is quoted in the message and can be in the location), and
// JSON.stringify escapes only control characters, so a key holding U+007F or any character above U+00FF makes Node
// throw "Invalid character in header content" inside Prism's request handler, which kills Prism. Escaping every
// character outside printable ASCII as \uXXXX keeps the same JSON value and makes the header valid whatever was sent.

/** Prism's own limit for the header (it truncates above it); the front server and clients read up to 16 KiB. */
export const violationsHeaderLimit = 8 * 1024 - 100;

interface Violation {
  location?: unknown[];
  message?: unknown;
  [key: string]: unknown;
}

/** `text` with every character outside printable ASCII as a JSON \uXXXX escape (for JSON text: the same value). */
export function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `text` cut to about `length` characters, keeping its end (a quoted key keeps its closing quote). */
function shortened(text: string, length: number): string {
  if (text.length <= length) return text;
  const tail = Math.floor(length / 4);
  return `${text.slice(0, length - tail - 1)}…${text.slice(text.length - tail)}`;
}

function withStringsCut(violation: Violation, length: number): Violation {
  const cut = (value: unknown) => (typeof value === "string" ? shortened(value, length) : value);
  return {
    ...violation,
    ...(Array.isArray(violation.location) ? { location: violation.location.map(cut) } : {}),
    message: cut(violation.message),
  };
}

const prismCutMarker = "Too many violations! ";

/**
 * Prism cuts a header longer than its limit into `Too many violations! ` + the start of the JSON, which nobody can
 * parse (one unknown key of 8,000 characters is enough). The violations it still holds whole are recovered, or
 * else the first one with its message cut, ending `…'` so that a quoted key stays quoted.
 */
function recoveredFromCut(text: string): Violation[] | undefined {
  const json = text.slice(prismCutMarker.length);
  const parsedArray = (candidate: string) => {
    try {
      const parsed = JSON.parse(candidate) as unknown;
      return Array.isArray(parsed) && parsed.length > 0 ? (parsed as Violation[]) : undefined;
    } catch {
      return undefined;
    }
  };
  for (let end = json.lastIndexOf('},{"location":'); end > 0; end = json.lastIndexOf('},{"location":', end - 1)) {
    const whole = parsedArray(`${json.slice(0, end + 1)}]`);
    if (whole) return whole;
  }
  // The cut fell inside the first violation's message (its last field): close it, backing off a cut escape, and
  // leave room for the closing characters so that the result still fits.
  const room = 16;
  for (let end = json.length - room; end > json.length - room - 8 && end > 0; end--) {
    const first = parsedArray(`${json.slice(0, end)}…'"}]`);
    if (first) return first;
  }
  return undefined;
}

function parsedViolations(value: string): Violation[] | undefined {
  if (value.startsWith(prismCutMarker)) return recoveredFromCut(value);
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed as Violation[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The header value for Prism's violations: valid JSON, ASCII only, at most `violationsHeaderLimit` characters. When
 * they do not fit, violations are dropped from the end (the first is kept), then its long strings are shortened.
 * A value that is not JSON and cannot be recovered is escaped and cut as text.
 */
export function safeViolationsHeader(value: string): string {
  const violations = parsedViolations(value);
  if (!violations) return asciiOnly(value).slice(0, violationsHeaderLimit);
  const encode = (list: Violation[]) => asciiOnly(JSON.stringify(list));
  let kept = violations;
  while (kept.length > 1 && encode(kept).length > violationsHeaderLimit) kept = kept.slice(0, -1);
  for (
    let length = 2_048;
    encode(kept).length > violationsHeaderLimit && length >= 16;
    length = Math.floor(length / 2)
  ) {
    kept = kept.map((violation) => withStringsCut(violation, length));
  }
  // Only a location thousands of levels deep gets here: its first steps still say where.
  let first = kept[0];
  while (
    first &&
    encode([first]).length > violationsHeaderLimit &&
    Array.isArray(first.location) &&
    first.location.length > 0
  ) {
    first = { ...first, location: first.location.slice(0, Math.floor(first.location.length / 2)) };
    kept = [first];
  }
  return encode(kept);
}
