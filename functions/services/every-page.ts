// Walks a paginated listing to its end, one page at a time, for the services that must see
// every item (a reference check before a delete).
import type { Page, PageQuery } from '../domain/schemas/common';

export async function* everyItem<T>(
  list: (page: PageQuery) => Promise<Page<T>>,
  pageSize = 100,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list({ limit: pageSize, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}
