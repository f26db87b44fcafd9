import type { EntityManager } from '@mikro-orm/core';
import type { GiftView } from '../../../../shared/schemas/gifts.schema';
import type { AppDeps } from '../../app-deps';
import { NotFoundError } from '../../core/errors';
import type { Actor } from '../../http/state';
import { GiftSchema } from './gift.entity';
import { imagesOf } from './gift-images.service';
import { isListed, listedWhere } from './gift.policy';
import { giftView } from './gift.view';
import { redeemedUnits } from './redeemed-units';

/** A catalog is tens of gifts; this only bounds a mistake. */
const CATALOG_LIMIT = 200;

/**
 * The catalog as staff see it: gifts switched on and inside their window.
 * Out-of-stock ones stay listed (marked unavailable) so people know they
 * exist; what can be redeemed now comes first, then the cheapest.
 */
export async function listCatalog(deps: AppDeps, em: EntityManager, actor: Actor): Promise<{ items: GiftView[] }> {
  const now = deps.clock.now();
  const gifts = await em.find(GiftSchema, listedWhere(now), { orderBy: { pointsPrice: 'asc', id: 'asc' }, limit: CATALOG_LIMIT });
  const images = await imagesOf(em, gifts);
  const mine = await redeemedUnits(em, actor.userId);
  const items = gifts.map((g) => giftView(g, images.get(g.id) ?? [], mine.get(g.id) ?? 0, now));
  // Stable sort: within each group the SQL order (points, then id) stays.
  items.sort((a, b) => Number(b.available) - Number(a.available));
  return { items };
}

/** One gift of the catalog; switched off or outside its window it does not exist for staff (404), while gift admins still see it. */
export async function getCatalogGift(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<GiftView> {
  const now = deps.clock.now();
  const gift = await em.findOne(GiftSchema, { id });
  if (!gift || !(isListed(gift, now) || actor.permissions.has('admin.gifts'))) throw new NotFoundError('No such gift.');
  const images = await imagesOf(em, [gift]);
  const mine = await redeemedUnits(em, actor.userId);
  return giftView(gift, images.get(gift.id) ?? [], mine.get(gift.id) ?? 0, now);
}
