import type { AddressView } from '../../../../shared/schemas/addresses.schema';
import { snapshotOf, type AddressPlain } from './address.codec';
import type { Address } from './address.entity';

/** The owner's view: region names as of now, the phone in full (it is their own). */
export function addressView(a: Pick<Address, 'id' | 'isDefault' | 'createdAt'>, plain: AddressPlain): AddressView {
  return {
    id: a.id,
    ...snapshotOf(plain),
    provinceCode: plain.provinceCode,
    cityCode: plain.cityCode,
    districtCode: plain.districtCode,
    isDefault: a.isDefault,
    createdAt: a.createdAt.toISOString(),
  };
}
