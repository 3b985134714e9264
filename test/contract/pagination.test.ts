// Every paginated operation (`x-kirim-pagination`) of the served spec, iterated with `for await` through its generated
// client against Prism: the iteration must end on its own. Prism's mock answers every page with the documented
// example, so that example has to end the list (`has_more: false`, a null next cursor or link); one that points on
// again is refused by the client's repeated-cursor guard, and this test says which example to fix. Against a real
// server (proxy mode) a few pages are walked and the rest left. No paginated operation (Kirim's spec today): skipped.
import { describe, expect, test } from "vitest";
import { KirimError } from "../../src/index.ts";
import { exampleRequest } from "./lib/requests.ts";
import { shardOf } from "./lib/shard.ts";
import { loadSpecClient, type SpecClient, specClient } from "./lib/spec-client.ts";
import { contractSpecs, isMock } from "./lib/target.ts";

const { target, served } = contractSpecs();
const shard = shardOf(process.env.KIRIM_CONTRACT_SHARD);
const paginated = served
  .operations()
  .filter((op, index) => shard.has(index) && op.raw["x-kirim-pagination"] !== undefined);
/** Against a real server, how many pages to walk before leaving the rest. */
const pagesAgainstAServer = 3;

let client: Promise<SpecClient> | undefined;
function generatedClient(): Promise<SpecClient> {
  const prepared = target.preparedClient;
  client ??=
    prepared?.problem !== undefined
      ? Promise.reject(new Error(prepared.problem))
      : prepared
        ? loadSpecClient(prepared.dir, target.baseUrl)
        : specClient(target.specPath, target.baseUrl);
  return client;
}

describe.skipIf(paginated.length === 0)("paginated operations iterated through the generated client", () => {
  test.each(paginated.map((op) => [op.label, op] as const))("%s: for await ends", async (_label, op) => {
    const spec = await generatedClient();
    const method = spec.methodFor(op);
    expect(method, `${op.label} has no generated method`).toBeDefined();
    const args = spec.argumentsFor(op, exampleRequest(served, op), { signal: AbortSignal.timeout(10_000) });
    const listing = method!(...args) as unknown as { pages(): AsyncIterable<Record<string, unknown>> };
    const items: string = op.raw["x-kirim-pagination"].items;
    let pages = 0;
    try {
      for await (const page of listing.pages()) {
        pages++;
        expect(Array.isArray(page[items]), `page ${pages}'s "${items}" is an array`).toBe(true);
        if (!isMock() && pages === pagesAgainstAServer) break;
      }
    } catch (error) {
      if (error instanceof KirimError && /again/.test(error.message))
        throw new Error(
          `${op.label}: Prism answers every page with the documented example, whose next page points back to the same one (${error.message}); make the example the last page (has_more false, or a null next cursor or link).`,
        );
      throw error;
    }
    expect(pages).toBeGreaterThan(0);
  });
});
