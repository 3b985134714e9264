import type { paths } from "../generated/kirim-api.js";

type UpdateCustomerOperation = paths["/customers/{id}"]["patch"];

/** The body of `PATCH /customers/{id}`: the fields to change. */
export type CustomerUpdate = UpdateCustomerOperation["requestBody"]["content"]["application/json"];

/** The documented 200 body: `{ data, request_id }`. */
export type CustomerEnvelope = UpdateCustomerOperation["responses"][200]["content"]["application/json"];

export type Customer = CustomerEnvelope["data"];

/** The documented body of every 4xx/5xx response. */
export type ErrorEnvelope = UpdateCustomerOperation["responses"][500]["content"]["application/json"];
