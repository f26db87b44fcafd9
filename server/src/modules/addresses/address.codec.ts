import { regionNames } from '../../../../shared/china-regions';
import type { AddressSnapshot } from '../../../../shared/schemas/addresses.schema';
import type { FieldCipher } from '../../core/pii/field-cipher';

/** What a saved address holds, all of it sealed in `address.sealed`. */
export interface AddressPlain {
  recipientName: string;
  phone: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  detail: string;
}

const savedRef = (id: string) => ({ table: 'address', column: 'sealed', id });
const orderRef = (orderId: string) => ({ table: 'redemption_order', column: 'address_sealed', id: orderId });

export function sealAddress(cipher: FieldCipher, id: string, plain: AddressPlain): string {
  const { recipientName, phone, provinceCode, cityCode, districtCode, detail } = plain;
  return cipher.seal(savedRef(id), JSON.stringify({ recipientName, phone, provinceCode, cityCode, districtCode, detail }));
}

export function openAddress(cipher: FieldCipher, id: string, sealed: string): AddressPlain {
  return JSON.parse(cipher.open(savedRef(id), sealed)) as AddressPlain;
}

/** Region names as of now; a code the dataset no longer has keeps an empty name rather than failing an old order. */
export function snapshotOf(plain: AddressPlain): AddressSnapshot {
  const names = regionNames(plain.provinceCode, plain.cityCode, plain.districtCode) ?? { province: '', city: '', district: '' };
  return { recipientName: plain.recipientName, phone: plain.phone, ...names, detail: plain.detail };
}

export function sealSnapshot(cipher: FieldCipher, orderId: string, snapshot: AddressSnapshot): string {
  return cipher.seal(orderRef(orderId), JSON.stringify(snapshot));
}

export function openSnapshot(cipher: FieldCipher, orderId: string, sealed: string): AddressSnapshot {
  return JSON.parse(cipher.open(orderRef(orderId), sealed)) as AddressSnapshot;
}
