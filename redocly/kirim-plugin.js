// House lint rules that configurable rules cannot express.
import { clientNameOf, methodExtension } from './client-names.ts';

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

/**
 * Every operation must become a client method (scripts/lib/operations.ts): a valid name, and no two operations with
 * the same one. Checked here so that `npm run lint` says so with a file and line, before generation fails.
 */
function ClientMethodNames() {
  const seen = new Map();
  return {
    Operation: {
      enter(operation, ctx) {
        const where = methodExtension in operation ? ctx.location.child([methodExtension]) : ctx.location.child(['operationId']);
        const name = clientNameOf(operation);
        if ('error' in name) {
          ctx.report({ message: `This operation cannot become a client method: ${name.error}.`, location: where });
          return;
        }
        const key = `${name.resource}.${name.method}`;
        const earlier = seen.get(key);
        if (earlier) {
          ctx.report({
            message: `Two operations become the client method ${key} (the other is ${earlier}); set ${methodExtension} on one of them.`,
            location: where,
          });
        } else {
          seen.set(key, `${where.source.absoluteRef.split('/').slice(-2).join('/')} ${operation.operationId ?? ''}`.trim());
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
        'client-method-names': ClientMethodNames,
      },
    },
  };
}
