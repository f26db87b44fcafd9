import type { AdminGiftView, GiftView } from '../../../../shared/schemas/gifts.schema';
import type { StockChangeReason, StockChangeView } from '../../../../shared/schemas/gifts.schema';
import type { GiftStockChange } from './gift-stock-change.entity';
import type { Gift } from './gift.entity';
import type { GiftImage } from './gift-images.service';
import { isAvailable } from './gift.policy';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function common(g: Gift, images: GiftImage[], now: Date) {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    pointsPrice: g.pointsPrice,
    valueYuan: g.valueYuan,
    stock: g.stock,
    perPersonLimit: g.perPersonLimit,
    images,
    activeFrom: iso(g.activeFrom),
    activeUntil: iso(g.activeUntil),
    available: isAvailable(g, now),
  };
}

export function giftView(g: Gift, images: GiftImage[], redeemedByMe: number, now: Date): GiftView {
  return { ...common(g, images, now), redeemedByMe };
}

export function adminGiftView(g: Gift, images: GiftImage[], redeemedCount: number, now: Date): AdminGiftView {
  return { ...common(g, images, now), active: g.active, redeemedCount, updatedAt: (g.updatedAt ?? g.createdAt).toISOString() };
}

export function stockChangeView(c: GiftStockChange): StockChangeView {
  return {
    id: c.id,
    delta: c.delta,
    stockAfter: c.stockAfter,
    reason: c.reason as StockChangeReason,
    reference: c.reference ?? null,
    note: c.note ?? null,
    actorId: c.actorId ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}
