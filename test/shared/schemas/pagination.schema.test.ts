import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../../shared/schemas/pagination.schema';

describe('keyset pagination query', () => {
  it('reads limit from a query string and defaults it to 20', () => {
    expect(PageQuerySchema.parse({ limit: '50', cursor: 'abc' })).toEqual({ limit: 50, cursor: 'abc' });
    expect(PageQuerySchema.parse({})).toEqual({ limit: 20 });
  });

  it.each(['0', '101', '2.5', 'lots'])('refuses limit=%s', (limit) => {
    expect(PageQuerySchema.safeParse({ limit }).success).toBe(false);
  });

  it('describes a page as items plus the next cursor, null on the last page', () => {
    const Page = pageOf(z.object({ id: z.string() }));
    expect(Page.parse({ items: [{ id: 'a' }], nextCursor: null })).toEqual({ items: [{ id: 'a' }], nextCursor: null });
    expect(Page.safeParse({ items: [{ id: 1 }], nextCursor: null }).success).toBe(false);
  });
});
