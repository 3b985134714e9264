// Compiled against the copy's regenerated client: the three new methods exist with the spec's types, and wrong
// calls do not compile (each @ts-expect-error must see an error, or tsc fails on the unused directive).
import { createKirimClient } from "./src/index.ts";

const kirim = createKirimClient({ apiKey: "sk_test_consumer" });

export async function useEveryOperation(): Promise<unknown[]> {
  const retrieved = await kirim.customers.retrieve("cus_01HXYZABCDEFGHJKMNPQRSTVWX");
  const id: string = retrieved.data.id;
  const page = await kirim.customers.list({ limit: 10, starting_after: "cus_1" });
  const hasMore: boolean = page.has_more;
  const firstId: string | undefined = page.data[0]?.id;
  await kirim.customers.list();
  const archived = await kirim.customers.archive("cus_1", { timeoutMs: 1_000, maxRetries: 0 });
  const archivedAt: string | null = archived.data.archived_at;
  const updated = await kirim.customers.update("cus_1", { email: null }, { signal: AbortSignal.timeout(1_000) });

  // @ts-expect-error retrieve takes no body: its second argument is the options
  await kirim.customers.retrieve("cus_1", { name: "Ada" });
  // @ts-expect-error limit is an integer
  await kirim.customers.list({ limit: "10" });
  // @ts-expect-error page is not a query parameter of list
  await kirim.customers.list({ page: 2 });
  // @ts-expect-error archive needs the customer id
  await kirim.customers.archive();
  // @ts-expect-error the spec has no delete
  await kirim.customers.delete("cus_1");
  // @ts-expect-error update still requires its body
  await kirim.customers.update("cus_1");
  return [id, hasMore, firstId, archivedAt, updated.request_id];
}
