import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { DOCUMENT_CATEGORIES, type DocumentCategory, type DocumentStats } from '../../../../shared/schemas/library.schema';
import { MIN_READERS_FOR_AVERAGE, withheldAverage } from './document.policy';

interface Range {
  from?: string;
  to?: string;
}

type AggregateRow = { views: unknown; readers: unknown; avg_seconds: unknown };

function aggregate(r: AggregateRow) {
  const readers = Number(r.readers);
  return {
    views: Number(r.views),
    readers,
    avgSeconds: withheldAverage(readers, r.avg_seconds === null || r.avg_seconds === undefined ? null : Number(r.avg_seconds)),
  };
}

/**
 * Reading statistics for admins, computed in SQL: per document and per
 * category, the number of openings, of distinct readers and the average
 * seconds read, over documents that have ever been published. Views are
 * counted in [from, to). Only counts leave the database (never a user id),
 * and an average over fewer than MIN_READERS_FOR_AVERAGE readers is
 * withheld, however the range is chosen.
 */
export async function documentStats(em: EntityManager, range: Range): Promise<DocumentStats> {
  const sqlEm = em as SqlEntityManager;
  const knex = sqlEm.getKnex();
  const platform = em.getPlatform();
  const base = (): Knex.QueryBuilder =>
    knex('library_document as d')
      .leftJoin('document_view as v', (j) => {
        j.on('v.document_id', '=', 'd.id');
        if (range.from) j.andOn('v.created_at', '>=', knex.raw('?', [platform.processDateProperty(new Date(range.from)) as never]));
        if (range.to) j.andOn('v.created_at', '<', knex.raw('?', [platform.processDateProperty(new Date(range.to)) as never]));
      })
      .whereNotNull('d.published_at')
      .select(knex.raw('count(v.id) as views'), knex.raw('count(distinct v.user_id) as readers'), knex.raw('avg(v.seconds_read) as avg_seconds'));

  const perDocument = base().select('d.id', 'd.title', 'd.category').groupBy('d.id', 'd.title', 'd.category').orderBy([{ column: 'views', order: 'desc' }, { column: 'd.id', order: 'desc' }]);
  const perCategory = base().select('d.category').groupBy('d.category');
  const docRows = (await sqlEm.getConnection().execute(perDocument)) as (AggregateRow & { id: string; title: string; category: DocumentCategory })[];
  const catRows = (await sqlEm.getConnection().execute(perCategory)) as (AggregateRow & { category: DocumentCategory })[];
  const byCategory = new Map(catRows.map((r) => [r.category, r]));

  return {
    minReaders: MIN_READERS_FOR_AVERAGE,
    documents: docRows.map((r) => ({ id: r.id, title: r.title, category: r.category, ...aggregate(r) })),
    // Every category, with zeros when it has no published document yet.
    categories: DOCUMENT_CATEGORIES.map((category) => ({ category, ...aggregate(byCategory.get(category) ?? { views: 0, readers: 0, avg_seconds: null }) })),
  };
}
