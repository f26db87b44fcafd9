import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { DocumentCategory } from '../../../../../shared/schemas/library.schema';
import { QuickAnswerSchema } from '../../chat/quick-answer.entity';
import { LibraryDocumentSchema } from '../document.entity';
import { bodyText } from '../library.html';
import { answerKey, documentKey, LibraryIndex, type IndexableDocument } from './library-index';

/**
 * What the index was built from, in one cheap query: row counts and the
 * latest change of both tables. Any write (create, edit, publish, retire,
 * a new or edited quick answer) moves one of them, on this instance or
 * another. Writers must let `updated_at` move (the entities' onUpdate does
 * it); a hard delete moves the count.
 */
async function readVersion(em: EntityManager): Promise<string> {
  const [row] = await em.getConnection().execute<Record<string, unknown>[]>(
    `select (select count(*) from library_document) as dc,
            (select max(coalesce(updated_at, created_at)) from library_document) as dm,
            (select count(*) from quick_answer) as qc,
            (select max(updated_at) from quick_answer) as qm`,
  );
  const stamp = (v: unknown) => (v instanceof Date ? v.getTime() : v === null || v === undefined ? '' : String(v));
  return [row?.dc, row?.dm, row?.qc, row?.qm].map(stamp).join('|');
}

const PUBLISHED = { publishedAt: { $ne: null }, retiredAt: null };
const DOCUMENT_FIELDS = ['id', 'title', 'category', 'summary', 'body', 'publishedAt', 'updatedAt', 'createdAt'] as const;
const ANSWER_FIELDS = ['id', 'question', 'answer', 'updatedAt'] as const;

/**
 * Rows from the library's tables, each read in a fork of its own: thousands
 * of rows must not linger in the request's identity map, and a partial load
 * (stamps only) must not stand in for a full one.
 */
class Rows {
  constructor(private readonly base: EntityManager) {}

  private get em(): EntityManager {
    return this.base.fork();
  }

  /** Published documents (all, or those with the given ids), in id order: the same on both dialects. */
  async documents(ids?: string[]) {
    const docs = await this.em.find(LibraryDocumentSchema, { ...PUBLISHED, ...(ids ? { id: { $in: ids } } : {}) }, { fields: [...DOCUMENT_FIELDS], orderBy: { id: 'asc' } });
    // The body's text is extracted as each one is indexed (`indexable`), so a large build can yield between chunks.
    return docs.map((d) => ({
      id: d.id,
      title: d.title,
      category: d.category as DocumentCategory,
      summary: d.summary,
      body: d.body,
      publishedAt: d.publishedAt!,
      stamp: (d.updatedAt ?? d.createdAt).getTime(),
    }));
  }

  /** Active quick answers (all, or those with the given ids), in id order. */
  async answers(ids?: string[]) {
    const answers = await this.em.find(QuickAnswerSchema, { active: true, ...(ids ? { id: { $in: ids } } : {}) }, { fields: [...ANSWER_FIELDS], orderBy: { id: 'asc' } });
    return answers.map((a) => ({ id: a.id, question: a.question, answer: a.answer, stamp: a.updatedAt.getTime() }));
  }

  /** Only what tells a change: entry key → stamp, for every searchable row. */
  async stamps(): Promise<Map<string, number>> {
    const em = this.em;
    const docs = await em.find(LibraryDocumentSchema, PUBLISHED, { fields: ['id', 'updatedAt', 'createdAt'] });
    const answers = await em.find(QuickAnswerSchema, { active: true }, { fields: ['id', 'updatedAt'] });
    return new Map([
      ...docs.map((d) => [documentKey(d.id), (d.updatedAt ?? d.createdAt).getTime()] as const),
      ...answers.map((a) => [answerKey(a.id), a.updatedAt.getTime()] as const),
    ]);
  }
}

type DocumentRow = Awaited<ReturnType<Rows['documents']>>[number];

function indexable({ body, ...d }: DocumentRow): IndexableDocument {
  return { ...d, text: bodyText(body) };
}

/** Entries indexed between yields to the event loop while building from scratch, so other requests keep being served. */
const BUILD_CHUNK = 20;
/** Beyond this share of changed entries, building anew is cheaper than replacing one by one. */
const REBUILD_SHARE = 0.25;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Holds one instance's index and keeps it fresh: each search first reads
 * the version (one small query); when it moved, the index catches up before
 * the search runs — by replacing just the changed entries (their stamps
 * differ), or by building anew the first time or after a mass change. The
 * version is read before the rows, so the index is never older than its
 * label. Catching up is serialised: the index is changed by one task at a
 * time, and a search waiting behind it finds it already current.
 */
export class LibrarySearch {
  private current?: LibraryIndex;
  private version?: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly log?: Logger) {}

  async index(em: EntityManager): Promise<LibraryIndex> {
    const version = await readVersion(em);
    if (this.current && this.version === version) return this.current;
    const run = this.queue.then(() => this.catchUp(em, version));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async catchUp(em: EntityManager, version: string): Promise<LibraryIndex> {
    if (this.current && this.version === version) return this.current;
    const started = performance.now();
    const rows = new Rows(em);
    let how: string;
    if (this.current) {
      const index = this.current;
      const [now, before] = [await rows.stamps(), index.stamps()];
      const removed = [...before.keys()].filter((key) => !now.has(key));
      const changed = [...now].filter(([key, stamp]) => before.get(key) !== stamp).map(([key]) => key);
      if (removed.length + changed.length <= Math.max(20, index.size * REBUILD_SHARE)) {
        const ids = (prefix: string) => changed.filter((k) => k.startsWith(prefix)).map((k) => k.slice(2));
        const [docs, answers] = [ids('d:'), ids('a:')];
        const fresh = { docs: docs.length ? await rows.documents(docs) : [], answers: answers.length ? await rows.answers(answers) : [] };
        // A changed row that is no longer searchable (retired, deactivated since the stamps were read) leaves the index.
        const gone = changed.filter((key) => !fresh.docs.some((d) => documentKey(d.id) === key) && !fresh.answers.some((a) => answerKey(a.id) === key));
        // Applied in one synchronous step: no search sees a half-updated index.
        for (const key of [...removed, ...gone]) index.remove(key);
        for (const d of fresh.docs) index.putDocument(indexable(d));
        for (const a of fresh.answers) index.putAnswer(a);
        this.version = version;
        this.log?.debug({ removed: removed.length, changed: changed.length, ms: Math.round(performance.now() - started) }, 'library search index updated');
        return index;
      }
      how = 'mass change';
    } else {
      how = 'first use';
    }
    this.current = await build(rows);
    this.version = version;
    this.log?.info({ entries: this.current.size, reason: how, ms: Math.round(performance.now() - started) }, 'library search index built');
    return this.current;
  }
}

/** A new index from all rows, built in chunks; it replaces the old one only when complete. */
async function build(rows: Rows): Promise<LibraryIndex> {
  const index = new LibraryIndex();
  const [docs, answers] = [await rows.documents(), await rows.answers()];
  for (let i = 0; i < docs.length; i++) {
    index.putDocument(indexable(docs[i]!));
    if ((i + 1) % BUILD_CHUNK === 0) await yieldToEventLoop();
  }
  for (const a of answers) index.putAnswer(a);
  return index;
}
