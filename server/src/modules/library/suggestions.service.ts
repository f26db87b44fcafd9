import type { EntityManager } from '@mikro-orm/core';
import type { Suggestions } from '../../../../shared/schemas/chat.schema';
import type { LibrarySearch } from './search/library-search';

const TOP = 3;

/**
 * Before a conversation starts: the documents and past answers that best
 * match the question, three of each. Transcripts are never searched, only
 * the quick answers engineers wrote from them.
 */
export async function suggestions(em: EntityManager, search: LibrarySearch, q: string): Promise<Suggestions> {
  const index = await search.index(em);
  return {
    documents: index
      .documents(q)
      .slice(0, TOP)
      .map((h) => ({ id: h.id, title: h.title, category: h.category, summary: h.summary, publishedAt: h.publishedAt })),
    answers: index
      .answers(q)
      .slice(0, TOP)
      .map((h) => ({ id: h.id, question: h.question, answer: h.answer })),
  };
}
