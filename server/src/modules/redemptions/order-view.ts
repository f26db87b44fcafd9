import { maskPhone } from '../../../../shared/phone';
import type { AdminOrderView, OrderView } from '../../../../shared/schemas/redemptions.schema';
import type { FieldCipher } from '../../core/pii/field-cipher';
import { openSnapshot } from '../addresses/address.codec';
import { giftImageUrl } from '../gifts/gift-images.service';
import type { User } from '../users/user.entity';
import type { UserPii } from '../users/user.pii';
import type { AdminOrderRow, OrderRow } from './orders.read';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The cover image of the gift as it is in the catalog now (the order keeps only the name it had). */
function coverUrl(imageIds: string[]): string | null {
  const first = imageIds[0];
  return first ? giftImageUrl(first) : null;
}

/** An order as its owner sees it: their own address in full. */
export function orderView(cipher: FieldCipher, row: OrderRow): OrderView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    gift: { id: row.giftId, name: row.giftName, imageUrl: coverUrl(row.giftImageIds) },
    quantity: row.quantity,
    pointsTotal: row.pointsTotal,
    valueYuanTotal: row.valueYuanTotal,
    address: openSnapshot(cipher, row.id, row.addressSealed),
    carrier: row.carrier,
    trackingNo: row.trackingNo,
    createdAt: row.createdAt.toISOString(),
    shippedAt: iso(row.shippedAt),
    deliveredAt: iso(row.deliveredAt),
    cancelledAt: iso(row.cancelledAt),
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
  };
}

/**
 * An order in the admin's queue. The recipient's phone is masked, as every
 * phone is on screen by default (privacy.md); the full number reaches the
 * admin only through the packing-list export, which is audited.
 */
export function adminOrderView(cipher: FieldCipher, pii: UserPii, row: AdminOrderRow): AdminOrderView {
  const view = orderView(cipher, row);
  const name = row.userNameSealed ? pii.get({ id: row.userId, nameSealed: row.userNameSealed } as User, 'name') : null;
  return {
    ...view,
    address: { ...view.address, phone: maskPhone(view.address.phone) },
    user: { id: row.userId, name, hospital: row.hospitalName },
  };
}
