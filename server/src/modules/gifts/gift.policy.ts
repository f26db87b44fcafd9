import type { Gift } from './gift.entity';

type Windowed = Pick<Gift, 'active' | 'activeFrom' | 'activeUntil'>;

/** In the catalog now: switched on and inside its window (the window's end is exclusive). */
export function isListed(gift: Windowed, now: Date): boolean {
  if (!gift.active) return false;
  if (gift.activeFrom && gift.activeFrom.getTime() > now.getTime()) return false;
  if (gift.activeUntil && gift.activeUntil.getTime() <= now.getTime()) return false;
  return true;
}

/** Redeemable now as far as the gift goes (the person's caps and balance are the order's business). */
export function isAvailable(gift: Windowed & Pick<Gift, 'stock'>, now: Date): boolean {
  return isListed(gift, now) && gift.stock > 0;
}

/** The SQL side of isListed, so the catalog filters in the database. */
export function listedWhere(now: Date) {
  return {
    active: true,
    $and: [{ $or: [{ activeFrom: null }, { activeFrom: { $lte: now } }] }, { $or: [{ activeUntil: null }, { activeUntil: { $gt: now } }] }],
  };
}
