import MiniSearch, { type SearchResult } from 'minisearch';
import type { DocumentCategory } from '../../../../../shared/schemas/library.schema';
import { queryTokens, tokenize } from '../../../core/search/chinese-tokenizer';

/** A published document as the index needs it; `text` is the body without markup, `stamp` its last change. */
export interface IndexableDocument {
  id: string;
  title: string;
  category: DocumentCategory;
  summary: string;
  text: string;
  publishedAt: Date;
  stamp: number;
}

export interface IndexableAnswer {
  id: string;
  question: string;
  answer: string;
  stamp: number;
}

export type DocumentHit = { kind: 'document'; id: string; score: number; title: string; category: DocumentCategory; summary: string; publishedAt: string };
export type AnswerHit = { kind: 'answer'; id: string; score: number; question: string; answer: string };
type Hit = DocumentHit | AnswerHit;

/** Title matters most, then the summary, then the body; a quick answer's question counts as a title. */
const BOOST = { title: 3, summary: 2, body: 1 };

/**
 * Hits scoring below this share of the best one are left out of search
 * results: bigrams make nearly every text share a pair of characters with a
 * long question, and such stray matches are noise, not answers.
 */
const RELATIVE_FLOOR = 0.15;

interface Entry {
  key: string;
  kind: Hit['kind'];
  id: string;
  title: string;
  summary: string;
  body: string;
  category?: DocumentCategory;
  publishedAt?: string;
  answer?: string;
}

export const documentKey = (id: string) => `d:${id}`;
export const answerKey = (id: string) => `a:${id}`;

function documentEntry(d: IndexableDocument): Entry {
  return { key: documentKey(d.id), kind: 'document', id: d.id, title: d.title, summary: d.summary, body: d.text, category: d.category, publishedAt: d.publishedAt.toISOString() };
}

function answerEntry(a: IndexableAnswer): Entry {
  return { key: answerKey(a.id), kind: 'answer', id: a.id, title: a.question, summary: '', body: a.answer, answer: a.answer };
}

/**
 * The in-memory index over published documents and active quick answers:
 * one MiniSearch (BM25) with our Chinese tokenizer. It remembers every
 * entry and the change stamp of the row it came from, so `LibrarySearch` can
 * bring it up to date by replacing only what changed instead of rebuilding
 * it whole. Entries are taken out with MiniSearch's exact `remove` (not
 * `discard`, which leaves stale term counts behind until a vacuum and would
 * let an updated index rank differently from a freshly built one).
 */
export class LibraryIndex {
  private readonly mini = new MiniSearch<Entry>({
    idField: 'key',
    fields: ['title', 'summary', 'body'],
    storeFields: ['kind', 'id', 'title', 'summary', 'category', 'publishedAt', 'answer'],
    // Bodies (and answers) by bigrams alone: see `tokenize` on the cost of word segmentation.
    tokenize: (text, field) => tokenize(text, { words: field !== 'body' }),
    // Tokens are already normalised (NFKC, lower case); MiniSearch's default would only lower-case again.
    processTerm: (term) => term,
    searchOptions: { boost: BOOST, tokenize: queryTokens, processTerm: (term) => term, combineWith: 'OR' },
  });
  private readonly entries = new Map<string, { entry: Entry; stamp: number }>();

  get size(): number {
    return this.entries.size;
  }

  /** Entry key → change stamp of the row it was made from. */
  stamps(): Map<string, number> {
    return new Map([...this.entries].map(([key, e]) => [key, e.stamp]));
  }

  putDocument(d: IndexableDocument): void {
    this.put(documentEntry(d), d.stamp);
  }

  putAnswer(a: IndexableAnswer): void {
    this.put(answerEntry(a), a.stamp);
  }

  remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.mini.remove(old.entry);
    this.entries.delete(key);
  }

  private put(entry: Entry, stamp: number): void {
    this.remove(entry.key);
    this.mini.add(entry);
    this.entries.set(entry.key, { entry, stamp });
  }

  documents(query: string, options: { category?: DocumentCategory } = {}): DocumentHit[] {
    return this.search(query, (r) => r.kind === 'document' && (!options.category || r.category === options.category)) as DocumentHit[];
  }

  answers(query: string): AnswerHit[] {
    return this.search(query, (r) => r.kind === 'answer') as AnswerHit[];
  }

  private search(query: string, keep: (r: Record<string, unknown>) => boolean): Hit[] {
    // Scores are rounded: an index that was updated entry by entry sums in another order than a fresh one,
    // and the last bits of a float must not reorder equal documents between instances.
    const results = this.mini.search(query, { filter: keep }).map((r): SearchResult => ({ ...r, score: Math.round(r.score * 1e6) / 1e6 }));
    const best = results.reduce((max, r) => Math.max(max, r.score), 0);
    return (
      results
        .filter((r) => r.score >= best * RELATIVE_FLOOR)
        // Equal scores in a stable order (newest id first), so both dialects and every instance agree.
        .sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map((r) =>
          r.kind === 'document'
            ? { kind: 'document', id: r.id as string, score: r.score, title: r.title, category: r.category, summary: r.summary, publishedAt: r.publishedAt }
            : { kind: 'answer', id: r.id as string, score: r.score, question: r.title, answer: r.answer },
        )
    );
  }
}
