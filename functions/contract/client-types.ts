// The types of the typed client, derived from the route table's literal types: each operationId
// becomes a method whose input is the route's params, query, body (zod input types) and If-Match,
// and whose reply body is the output type of the route's response schema.
import type { z } from 'zod';
import type { RouteDef } from './route-def';

/** An object type with no required field. */
type Empty = Record<never, never>;
type Part<R, K extends string> = R extends { readonly [P in K]: infer S extends z.ZodType }
  ? z.input<S>
  : never;
/** Optional when every field of the part is optional (e.g. a page query with defaults). */
type Field<K extends string, V> = [V] extends [never]
  ? unknown
  : Empty extends V
    ? { [P in K]?: V }
    : { [P in K]: V };

export type CallInput<R> = Field<'params', Part<R, 'params'>> &
  Field<'query', Part<R, 'query'>> &
  Field<'body', Part<R, 'body'>> &
  (R extends { readonly versioned: true }
    ? {
        /** The version to write over: a number, or the ETag a read answered (`"3"`). */ ifMatch?:
          | number
          | string;
      }
    : unknown) & { signal?: AbortSignal };

export type ResponseBody<R> = R extends { readonly response: { readonly schema: infer S extends z.ZodType } }
  ? z.output<S>
  : undefined;

export interface CallReply<R> {
  status: number;
  /** The version as the ETag gives it (`"3"`), for If-Match on the next write. */
  etag: string | undefined;
  body: ResponseBody<R>;
}

export type Call<R> = (Empty extends CallInput<R>
  ? (input?: CallInput<R>) => Promise<CallReply<R>>
  : (input: CallInput<R>) => Promise<CallReply<R>>) & { readonly route: R };

/** One method per operationId of the routes. */
export type ApiClientOf<Routes extends readonly RouteDef[]> = {
  [R in Routes[number] as R['operationId']]: Call<R>;
};
