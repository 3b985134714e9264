import { KirimError } from "./errors.js";
import { isRecord } from "./is-record.js";
import type { OperationSpec, PaginationSpec } from "./operation-spec.js";

type Method = (...args: unknown[]) => PromiseLike<unknown>;
type Params = Record<string, unknown>;

/** What the next page is asked for with, and the cursor or link that names it (to refuse it coming back). */
interface NextPage {
  params: Params;
  cursor: string;
}

/**
 * The method of a paginated operation (`spec.pagination`): it returns what `method` returns, untouched (awaited, the
 * first page), with `[Symbol.asyncIterator]` over every item of every page and `pages()` over every page added. Each
 * later page is `method` itself called with the same arguments and that page's params, so it goes through the same
 * retries, timeouts, signal, credentials and errors as the first.
 */
export function paginated(method: Method, spec: OperationSpec, where: string): Method {
  const rule = spec.pagination!;
  const count = spec.path.split("{").length - 1;
  const takesParams = Boolean(spec.query?.length || spec.header?.length || spec.cookie?.length);
  return (...args) => {
    const first = method(...args);
    const pathArguments = args.slice(0, count);
    const params = takesParams && isRecord(args[count]) ? args[count] : undefined;
    const options = args[takesParams ? count + 1 : count];
    const signal = isRecord(options) ? (options.signal as AbortSignal | undefined) : undefined;
    const send = (pageParams: Params) =>
      takesParams ? method(...pathArguments, pageParams, options) : method(...pathArguments, options);
    const pages = () => walk(first, params, send, rule, spec, signal, where);
    return Object.assign(first, {
      pages,
      [Symbol.asyncIterator]: () => itemsOf(pages(), rule, where),
    });
  };
}

async function* walk(
  first: PromiseLike<unknown>,
  firstParams: Params | undefined,
  send: (params: Params) => PromiseLike<unknown>,
  rule: PaginationSpec,
  spec: OperationSpec,
  signal: AbortSignal | undefined,
  where: string,
): AsyncGenerator<unknown, void, undefined> {
  let page = await first;
  let params: Params = firstParams ?? {};
  const seen = new Set<string>();
  if (rule.style !== "next-link" && params[rule.param] !== undefined) seen.add(String(params[rule.param]));
  for (let number = 1; ; number++) {
    yield page;
    const next = nextPage(page, rule, params, spec, where);
    if (!next) return;
    if (seen.has(next.cursor))
      throw new KirimError(
        `${where}: page ${number} points to ${JSON.stringify(next.cursor)} again, which was already asked for; stopped rather than loop forever (a server or mock that answers every page alike?).`,
      );
    seen.add(next.cursor);
    signal?.throwIfAborted();
    params = next.params;
    page = await send(params);
  }
}

async function* itemsOf(
  pages: AsyncIterable<unknown>,
  rule: PaginationSpec,
  where: string,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages) yield* itemsOfPage(page, rule, where);
}

function itemsOfPage(page: unknown, rule: PaginationSpec, where: string): unknown[] {
  const items = isRecord(page) ? page[rule.items] : undefined;
  if (!Array.isArray(items))
    throw new KirimError(`${where}: the page has no "${rule.items}" array of items (got ${describe(items)}).`);
  return items;
}

/** The next page's params, or undefined after the last page. */
function nextPage(
  page: unknown,
  rule: PaginationSpec,
  params: Params,
  spec: OperationSpec,
  where: string,
): NextPage | undefined {
  const body = isRecord(page) ? page : {};
  if (rule.style === "cursor") {
    if (body[rule.hasMore] !== true) return undefined;
    const last = itemsOfPage(page, rule, where).at(-1);
    const cursor = isRecord(last) ? last[rule.cursor] : undefined;
    if (typeof cursor !== "string" && typeof cursor !== "number")
      throw new KirimError(
        `${where}: "${rule.hasMore}" is true but the page's last item has no "${rule.cursor}" to ask for the next page with (got ${describe(cursor)}).`,
      );
    return { params: { ...params, [rule.param]: cursor }, cursor: String(cursor) };
  }
  const next = body[rule.next];
  if (next === undefined || next === null || next === "") return undefined;
  if (rule.style === "next-cursor" && (typeof next === "string" || typeof next === "number"))
    return { params: { ...params, [rule.param]: next }, cursor: String(next) };
  if (rule.style === "next-link" && typeof next === "string")
    return { params: { ...notQuery(params, spec), ...linkQuery(next, spec, where) }, cursor: next };
  throw new KirimError(`${where}: the page's "${rule.next}" is ${describe(next)}, not a cursor or link.`);
}

/**
 * The query parameters of a next link (absolute, relative, or only a `?query`), a name given twice as an array. The
 * link must be to the operation's own path, as the page is asked for by calling the operation again.
 */
function linkQuery(link: string, spec: OperationSpec, where: string): Params {
  let url: URL;
  try {
    url = new URL(link, "http://next-link.invalid/");
  } catch {
    throw new KirimError(`${where}: the next page's link ${JSON.stringify(link)} is not a URL.`);
  }
  if (!link.startsWith("?") && !onOperationPath(url.pathname, spec))
    throw new KirimError(
      `${where}: the next page's link ${JSON.stringify(link)} is not to ${spec.path}; only a link to the same operation can be followed.`,
    );
  const query: Params = {};
  for (const name of new Set(url.searchParams.keys())) {
    if (!spec.query?.includes(name))
      throw new KirimError(
        `${where}: the next page's link has the query parameter "${name}", which the operation does not declare.`,
      );
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? values[0] : values;
  }
  return query;
}

/** Whether a path is the operation's: any segment in a template's place, and any base path (`/v1`) before it. */
function onOperationPath(pathname: string, spec: OperationSpec): boolean {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `${spec.path
      .split(/\{[^}]+\}/)
      .map(literal)
      .join("[^/]+")}$`,
  ).test(pathname);
}

/** The caller's header and cookie parameters, kept for every page; a next link brings the query. */
function notQuery(params: Params, spec: OperationSpec): Params {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !spec.query?.includes(name)));
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}
