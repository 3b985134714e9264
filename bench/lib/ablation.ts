// Decomposition of the client's overhead: bare openapi-fetch, then the same client with, one at a time, each
// mechanism src/client.ts adds per successful call (its key redaction runs only on error paths). The last step should land near the real
// client; each step's increase is what that mechanism costs. These are re-creations of the mechanisms with plain
// openapi-fetch, not imports of src/ internals, so they keep working when src/ is refactored — but they describe
// the client only as long as it keeps using these mechanisms (compare "all mechanisms" with the real client).
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../../generated/kirim-api.ts";

export interface AblationStep {
  name: string;
  call: () => Promise<unknown>;
}

export const ablationNames = {
  bare: "openapi-fetch, bare",
  options: "+ request options: redirect manual, pre-serialised body, parseAs text + JSON.parse",
  bearer: "+ onRequest middleware setting Authorization",
  timeout: "+ per-attempt timeout: AbortController + setTimeout + signal (= all mechanisms)",
};

export function ablationSteps(ctx: { baseUrl: string; apiKey: string; id: string; body: Record<string, unknown>; fetch: typeof fetch | undefined }): AblationStep[] {
  const payload = JSON.stringify(ctx.body);
  const make = (extra: { redirect?: RequestRedirect }, middleware: Middleware[]) => {
    const client = createClient<paths>({
      baseUrl: ctx.baseUrl,
      ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
      ...(middleware.length ? {} : { headers: { Authorization: `Bearer ${ctx.apiKey}` } }),
      ...extra,
    });
    if (middleware.length) client.use(...middleware);
    return client;
  };
  const bearer: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${ctx.apiKey}`);
      return request;
    },
  };
  const params = { path: { id: ctx.id } };
  const body = ctx.body as { name: string };

  const bare = make({}, []);
  const withOptions = make({ redirect: "manual" }, []);
  const withBearer = make({ redirect: "manual" }, [bearer]);
  const textCall = (client: typeof bare, signal?: AbortSignal) =>
    client
      .PATCH("/customers/{id}", { params, body, bodySerializer: () => payload, parseAs: "text", ...(signal ? { signal } : {}) })
      .then(({ data, response }) => {
        if (!response.ok) throw new Error(`status ${response.status}`);
        return JSON.parse(data as string) as unknown;
      });

  return [
    {
      name: ablationNames.bare,
      call: () =>
        bare.PATCH("/customers/{id}", { params, body }).then(({ data, error }) => {
          if (error) throw new Error("error response");
          return data;
        }),
    },
    { name: ablationNames.options, call: () => textCall(withOptions) },
    { name: ablationNames.bearer, call: () => textCall(withBearer) },
    {
      name: ablationNames.timeout,
      call: async () => {
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), 60_000);
        try {
          return await textCall(withBearer, timeout.signal);
        } finally {
          clearTimeout(timer);
        }
      },
    },
  ];
}
