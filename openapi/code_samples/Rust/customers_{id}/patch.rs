use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let api_key = std::env::var("KIRIM_API_KEY").expect("KIRIM_API_KEY is not set");
    let payload = json!({
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "metadata": { "plan": "pro", "seats": 3 },
        "status": "active"
    });

    let response = reqwest::Client::new()
        .patch("https://api.kirimdev.com/v1/customers/cus_01HXYZABCDEFGHJKMNPQRSTVWX")
        .bearer_auth(api_key)
        .json(&payload)
        .send()
        .await?;

    println!("{}", response.status());
    let body: serde_json::Value = response.json().await?;
    println!("{body:#}");
    Ok(())
}
