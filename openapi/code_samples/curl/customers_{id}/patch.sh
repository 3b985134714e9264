curl --fail-with-body --request PATCH \
  --url https://api.kirimdev.com/v1/customers/cus_01HXYZABCDEFGHJKMNPQRSTVWX \
  --header "Authorization: Bearer $KIRIM_API_KEY" \
  --header 'Content-Type: application/json' \
  --data '{"name": "Ada Lovelace", "email": "ada@example.com", "metadata": {"plan": "pro", "seats": 3}, "status": "active"}'
