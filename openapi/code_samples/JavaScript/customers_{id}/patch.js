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
  throw new Error(`${response.status} ${body.error.code}: ${body.error.message} (${body.error.request_id})`);
}
console.log(body.data);
