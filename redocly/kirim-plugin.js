// House lint rules that configurable rules cannot express.

/** No two responses of one operation may show the same error example (the public page copy-pasted one six times). */
function ErrorExamplesDistinct() {
  return {
    Operation: {
      enter(operation, ctx) {
        const seen = new Map();
        for (const [status, responseOrRef] of Object.entries(operation.responses ?? {})) {
          if (!/^[45]/.test(status)) continue;
          const { node: response } = ctx.resolve(responseOrRef);
          for (const [mediaType, media] of Object.entries(response?.content ?? {})) {
            for (const value of exampleValues(media, ctx)) {
              const code = value?.error?.code;
              if (typeof code !== 'string') continue;
              const earlier = seen.get(code);
              if (earlier && earlier !== status) {
                ctx.report({
                  message: `Responses ${earlier} and ${status} both show an error example with code "${code}"; give each status its own example.`,
                  location: ctx.location.child(['responses', status, 'content', mediaType]),
                });
              }
              seen.set(code, earlier ?? status);
            }
          }
        }
      },
    },
  };
}

/** Response keys must be explicit status codes: no `default`, no ranges such as `4XX`. */
function StatusCodesExplicit() {
  return {
    Responses: {
      enter(responses, ctx) {
        for (const key of Object.keys(responses)) {
          if (!/^[1-5]\d\d$/.test(key)) {
            ctx.report({
              message: `Response "${key}" must be an explicit status code such as 404.`,
              location: ctx.location.child([key]).key(),
            });
          }
        }
      },
    },
  };
}

function exampleValues(media, ctx) {
  const values = [];
  if (media.example !== undefined) values.push(ctx.resolve(media.example).node);
  for (const example of Object.values(media.examples ?? {})) {
    values.push(ctx.resolve(example).node?.value);
  }
  return values;
}

export default function kirimPlugin() {
  return {
    id: 'kirim',
    rules: {
      oas3: {
        'error-examples-distinct': ErrorExamplesDistinct,
        'status-codes-explicit': StatusCodesExplicit,
      },
    },
  };
}
