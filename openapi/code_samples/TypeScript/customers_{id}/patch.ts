import { createKirimClient, KirimApiError } from "@kirim/client";

const kirim = createKirimClient({ apiKey: process.env.KIRIM_API_KEY! });

try {
  const { data: customer, request_id } = await kirim.customers.update("cus_01HXYZABCDEFGHJKMNPQRSTVWX", {
    name: "Ada Lovelace",
    email: "ada@example.com",
    metadata: { plan: "pro", seats: 3 },
    status: "active",
  });
  console.log(customer.id, customer.updated_at, request_id);
} catch (err) {
  if (err instanceof KirimApiError) console.error(err.status, err.code, err.requestId);
  throw err;
}
