// Which test covered which documented response of which operation, and the report the suite prints at its end.
// A response counts as covered only when a test got it through the generated client method and checked it against
// the spec's example; raw-HTTP tests (property-based) are listed beside it but do not count on their own. One that
// no test could reach (no example to compare with, no client method) is a gap with its reason.
import type { SpecOperation } from "../../helpers/bundled-spec.ts";

export class Coverage {
  private readonly covered = new Map<string, Set<string>>();
  private readonly throughClient = new Set<string>();
  private readonly gaps = new Map<string, string>();
  private readonly limitations = new Map<string, string[]>();

  private static key(op: SpecOperation, status: string): string {
    return `${op.name} ${status}`;
  }

  /** `throughClient`: the response came through the generated method and was checked against the spec's example. */
  cover(op: SpecOperation, status: string | number, test: string, throughClient: boolean): void {
    const key = Coverage.key(op, String(status));
    this.covered.set(key, (this.covered.get(key) ?? new Set()).add(test));
    if (throughClient) this.throughClient.add(key);
  }

  gap(op: SpecOperation, status: string, reason: string): void {
    this.gaps.set(Coverage.key(op, status), reason);
  }

  /** A value of the operation the mock cannot read (lib/mock-limitations.ts), listed under it in the report. */
  limitation(op: SpecOperation, text: string): void {
    this.limitations.set(op.name, [...(this.limitations.get(op.name) ?? []), text]);
  }

  /** One line per operation × documented response, and the list of those no test covered. */
  report(operations: SpecOperation[]): { lines: string[]; missing: string[] } {
    const lines: string[] = [];
    const missing: string[] = [];
    for (const op of operations) {
      for (const status of op.statuses()) {
        const key = Coverage.key(op, status);
        const tests = [...(this.covered.get(key) ?? [])];
        if (this.throughClient.has(key)) {
          lines.push(`  ✔ ${op.name.padEnd(28)} ${op.label.padEnd(36)} ${status} → ${tests.join("; ")}`);
        } else {
          const reason = this.gaps.get(key) ?? "no test got it through the client";
          lines.push(
            `  ✖ ${op.name.padEnd(28)} ${op.label.padEnd(36)} ${status} → ${reason}${tests.length ? ` (only: ${tests.join("; ")})` : ""}`,
          );
          missing.push(`${op.name} (${op.label}) ${status}: ${reason}`);
        }
      }
      for (const text of this.limitations.get(op.name) ?? [])
        lines.push(`  ⚠ ${op.name.padEnd(28)} mock limitation: ${text}`);
    }
    return { lines, missing };
  }
}
