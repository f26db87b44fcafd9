import { z } from 'zod';
import { AddressInputSchema, AddressListSchema, AddressPatchSchema, AddressViewSchema } from '../../../../shared/schemas/addresses.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { createAddress, deleteAddress, listAddresses, updateAddress } from './addresses.service';

const IdParams = z.object({ id: z.string().uuid() });


/** A person's own shipping addresses for gift orders. */
export function addressRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/addresses',
      summary: 'My saved addresses, the default first, then the newest',
      tags: ['addresses'],
      access: { permission: 'gifts.redeem' },
      response: AddressListSchema,
      handler: ({ state }) => listAddresses(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'post',
      path: '/addresses',
      summary: 'Save an address (at most MAX_ADDRESSES); the first one, or one marked isDefault, becomes the default (Idempotency-Key: a resent save returns the first)',
      tags: ['addresses'],
      access: { permission: 'gifts.redeem' },
      body: AddressInputSchema,
      response: AddressViewSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state, ctx }) => createAddress(deps, state.em, state.actor!, body, ctx.get('idempotency-key') || undefined),
    }),
    defineRoute({
      method: 'patch',
      path: '/addresses/:id',
      summary: 'Edit one of my addresses; `isDefault: true` makes it the default, `false` on the default hands it to the newest other address (the region is given whole or not at all)',
      tags: ['addresses'],
      access: { permission: 'gifts.redeem' },
      params: IdParams,
      body: AddressPatchSchema,
      response: AddressViewSchema,
      errors: [404],
      handler: ({ params, body, state, ctx }) => updateAddress(deps, state.em, state.actor!, params.id, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/addresses/:id',
      summary: 'Delete one of my addresses; if it was the default, the newest remaining one becomes the default',
      tags: ['addresses'],
      access: { permission: 'gifts.redeem' },
      params: IdParams,
      response: z.null(),
      status: 204,
      errors: [404],
      handler: async ({ params, state }) => {
        await deleteAddress(deps, state.em, state.actor!, params.id);
        return null;
      },
    }),
  ];
}
