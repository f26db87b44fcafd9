import type { EntityManager } from '@mikro-orm/core';
import { MAX_ADDRESSES, type AddressInput, type AddressPatch, type AddressView } from '../../../../shared/schemas/addresses.schema';
import type { AppDeps } from '../../app-deps';
import { ConflictError, NotFoundError } from '../../core/errors';
import { once } from '../../core/idempotency/idempotency';
import { newId } from '../../core/ids';
import type { Actor } from '../../http/state';
import { openAddress, sealAddress, type AddressPlain } from './address.codec';
import { AddressSchema, type Address } from './address.entity';
import { addressView } from './address.view';

const PLAIN_FIELDS = ['recipientName', 'phone', 'provinceCode', 'cityCode', 'districtCode', 'detail'] as const;

function plainOf(input: Pick<AddressInput, (typeof PLAIN_FIELDS)[number]>): AddressPlain {
  const { recipientName, phone, provinceCode, cityCode, districtCode, detail } = input;
  return { recipientName, phone, provinceCode, cityCode, districtCode, detail };
}

/** Someone else's address does not exist for the caller (404, no hint). */
async function own(em: EntityManager, actor: Actor, id: string): Promise<Address> {
  const address = await em.findOne(AddressSchema, { id, userId: actor.userId });
  if (!address) throw new NotFoundError('No such address.');
  return address;
}

/** Clears the flag on the owner's other addresses, so exactly one stays default. */
async function clearOtherDefaults(em: EntityManager, userId: string, keepId: string, now: Date): Promise<void> {
  await em.nativeUpdate(AddressSchema, { userId, isDefault: true, id: { $ne: keepId } }, { isDefault: false, updatedAt: now });
}

/** The caller's saved addresses, the default first, then the newest. */
export async function listAddresses(deps: AppDeps, em: EntityManager, actor: Actor): Promise<{ items: AddressView[] }> {
  const found = await em.find(AddressSchema, { userId: actor.userId }, { orderBy: { isDefault: 'desc', id: 'desc' }, limit: MAX_ADDRESSES });
  return { items: found.map((a) => addressView(a, openAddress(deps.cipher, a.id, a.sealed))) };
}

/**
 * Saves a new address, sealed whole. Someone's first address is their
 * default whatever they ticked; a new default takes the flag from the old
 * one in the same transaction. With an Idempotency-Key a resent save
 * returns the first address; only its id is kept for the replay, never the
 * address itself.
 */
export async function createAddress(deps: AppDeps, em: EntityManager, actor: Actor, input: AddressInput, idempotencyKey: string | undefined): Promise<AddressView> {
  const now = deps.clock.now();
  const { id } = await once(em, { userId: actor.userId, route: 'POST /addresses', key: idempotencyKey, body: input }, async (tx) => {
    const count = await tx.count(AddressSchema, { userId: actor.userId });
    if (count >= MAX_ADDRESSES) throw new ConflictError(`最多保存 ${MAX_ADDRESSES} 个收货地址，请先删除不再使用的地址`);
    const newAddressId = newId();
    const isDefault = input.isDefault || count === 0;
    if (isDefault) await clearOtherDefaults(tx, actor.userId, newAddressId, now);
    tx.create(AddressSchema, { id: newAddressId, userId: actor.userId, sealed: sealAddress(deps.cipher, newAddressId, plainOf(input)), isDefault, updatedAt: now });
    await tx.flush();
    return { id: newAddressId };
  });
  const address = await own(em, actor, id);
  return addressView(address, openAddress(deps.cipher, address.id, address.sealed));
}

/**
 * Edits an address; the region is replaced whole (the schema checks the
 * chain). Someone with addresses always has exactly one default: switching
 * the default off hands the flag to the newest other address, and an only
 * address stays default.
 */
export async function updateAddress(deps: AppDeps, em: EntityManager, actor: Actor, id: string, patch: AddressPatch): Promise<AddressView> {
  const now = deps.clock.now();
  return em.transactional(async (tx) => {
    const address = await own(tx, actor, id);
    if (patch.isDefault === false && address.isDefault) {
      const next = await tx.findOne(AddressSchema, { userId: actor.userId, id: { $ne: address.id } }, { orderBy: { id: 'desc' } });
      if (next) {
        next.isDefault = true;
        next.updatedAt = now;
        address.isDefault = false;
      }
    }
    let plain = openAddress(deps.cipher, address.id, address.sealed);
    if (PLAIN_FIELDS.some((k) => patch[k] !== undefined)) {
      plain = plainOf({ ...plain, ...Object.fromEntries(PLAIN_FIELDS.filter((k) => patch[k] !== undefined).map((k) => [k, patch[k]])) });
      address.sealed = sealAddress(deps.cipher, address.id, plain);
    }
    if (patch.isDefault === true && !address.isDefault) {
      await clearOtherDefaults(tx, actor.userId, address.id, now);
      address.isDefault = true;
    }
    address.updatedAt = now;
    await tx.flush();
    return addressView(address, plain);
  });
}

/** Deletes an address (orders keep their own sealed copy); when it was the default, the newest remaining one takes over. */
export async function deleteAddress(deps: AppDeps, em: EntityManager, actor: Actor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const address = await own(tx, actor, id);
    const wasDefault = address.isDefault;
    tx.remove(address);
    await tx.flush();
    if (!wasDefault) return;
    const next = await tx.findOne(AddressSchema, { userId: actor.userId }, { orderBy: { id: 'desc' } });
    if (next) {
      next.isDefault = true;
      next.updatedAt = deps.clock.now();
      await tx.flush();
    }
  });
}
