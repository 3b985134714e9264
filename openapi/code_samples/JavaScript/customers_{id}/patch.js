const response = await fetch('https://api.kirimdev.com/v1/customers/cus_01HXYZABCDEFGHJKMNPQRSTVWX', {
  method: 'PATCH',
  headers: {
    Authorization: `Bearer ${process.env.KIRIM_API_KEY}`,
    'Content-Type': 'application/json',
  },
  body: JSON.stringify({
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    metadata: { plan: 'pro', seats: 3 },
    status: 'active',
  }),
});
const body = await response.json();
if (!response.ok) {
  const { code, message, request_id } = body.error ?? {};
  throw new Error(`Kirim API ${response.status} ${code}: ${message} (request ${request_id})`);
}
console.log(body.data);
