import { z } from 'zod';
import {
  AdminGiftViewSchema,
  GiftCreateSchema,
  GiftPatchSchema,
  GiftViewSchema,
  StockChangeInputSchema,
  StockChangePageSchema,
  StockChangeViewSchema,
} from '../../../../shared/schemas/gifts.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { readGiftImage } from './gift-images.service';
import { changeStock, createGift, getAdminGift, listAdminGifts, stockChanges, updateGift } from './gifts-admin.service';
import { getCatalogGift, listCatalog } from './gifts.service';

const IdParams = z.object({ id: z.string().uuid() });
const StockChangeQuerySchema = z.object({
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});


/** The points catalog for staff, its public images, and the admin's gifts and stock. */
export function giftRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/gifts',
      summary: 'The catalog: gifts switched on and inside their window, redeemable ones first, then by points; with how many the caller holds in orders',
      tags: ['gifts'],
      access: { permission: 'gifts.redeem' },
      response: z.object({ items: z.array(GiftViewSchema) }),
      handler: ({ state }) => listCatalog(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'get',
      path: '/gifts/:id',
      summary: 'One gift of the catalog (404 when switched off or outside its window, except to gift admins)',
      tags: ['gifts'],
      access: { permission: 'gifts.redeem' },
      params: IdParams,
      response: GiftViewSchema,
      errors: [404],
      handler: ({ params, state }) => getCatalogGift(deps, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/gift-images/:fileId',
      summary: 'An image of a catalog gift (no session needed: image tags cannot send one); any other file is 404',
      tags: ['gifts'],
      access: { public: true },
      params: z.object({ fileId: z.string().uuid() }),
      response: z.unknown(),
      produces: 'application/octet-stream',
      errors: [404],
      handler: async ({ params, state, ctx }) => {
        const image = await readGiftImage(deps, state.em, params.fileId);
        ctx.type = image.mime;
        // Briefly: an image removed from its gift stops being served within minutes.
        ctx.set('Cache-Control', 'public, max-age=300');
        return image.bytes;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/gifts',
      summary: 'Every gift, switched off ones included, newest first, with units in orders not cancelled',
      tags: ['gifts', 'admin'],
      access: { permission: 'admin.gifts' },
      response: z.object({ items: z.array(AdminGiftViewSchema) }),
      handler: ({ state }) => listAdminGifts(deps, state.em),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/gifts/:id',
      summary: 'One gift for editing, any state',
      tags: ['gifts', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      response: AdminGiftViewSchema,
      errors: [404],
      handler: ({ params, state }) => getAdminGift(deps, state.em, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/gifts',
      summary: 'Add a gift; the starting stock is its first stock change, the images must be the admin’s own gift-image uploads (Idempotency-Key: a resent save returns the first)',
      tags: ['gifts', 'admin'],
      access: { permission: 'admin.gifts' },
      body: GiftCreateSchema,
      response: AdminGiftViewSchema,
      status: 201,
      errors: [409],
      handler: ({ body, state, ctx }) => createGift(deps, state.em, state.actor!, body, ctx.get('idempotency-key') || undefined, state.requestId),
    }),
    defineRoute({
      method: 'patch',
      path: '/admin/gifts/:id',
      summary: 'Edit a gift (not its stock); switching it off takes it out of the catalog. Gifts are never deleted: orders refer to them',
      tags: ['gifts', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      body: GiftPatchSchema,
      response: AdminGiftViewSchema,
      errors: [404],
      handler: ({ params, body, state, ctx }) => updateGift(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/gifts/:id/stock-changes',
      summary: 'Put units in or take them out with a note; recorded with the admin and the stock left (409 OUT_OF_STOCK below zero; Idempotency-Key: a resent change counts once)',
      tags: ['gifts', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      body: StockChangeInputSchema,
      response: StockChangeViewSchema,
      status: 201,
      errors: [404, 409],
      handler: ({ params, body, state, ctx }) => changeStock(deps, state.em, state.actor!, params.id, body, ctx.get('idempotency-key') || undefined, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/gifts/:id/stock-changes',
      summary: 'A gift’s stock history (admin changes, orders, cancellations), newest first',
      tags: ['gifts', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      query: StockChangeQuerySchema,
      response: StockChangePageSchema,
      errors: [404],
      handler: ({ params, query, state }) => stockChanges(state.em, params.id, query),
    }),
  ];
}
