import { z } from 'zod';
import {
  AdminCancelInputSchema,
  AdminOrderListQuerySchema,
  AdminOrderPageSchema,
  AdminOrderViewSchema,
  CancelInputSchema,
  OrderListQuerySchema,
  OrderPageSchema,
  OrderViewSchema,
  RedeemInputSchema,
  ShipInputSchema,
} from '../../../../shared/schemas/redemptions.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import { adminCancelOrder, adminOrders, deliverOrder, shipOrder } from './orders-admin.service';
import { exportOrdersCsv } from './orders-export';
import { cancelOwnOrder, listOwnOrders, ownOrder } from './orders.service';
import { redeem } from './redeem.service';

const IdParams = z.object({ id: z.string().uuid() });
const ExportQuery = OrderListQuerySchema.pick({ status: true });

export function redemptionRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/redemptions',
      summary:
        'Redeem a gift: points debited, stock taken and the order placed (pending) at once; 409 GIFT_UNAVAILABLE, GIFT_LIMIT_REACHED, GIFT_VALUE_CAP_REACHED, INSUFFICIENT_POINTS or OUT_OF_STOCK change nothing; with Idempotency-Key a retry returns the first order',
      tags: ['points'],
      access: { permission: 'gifts.redeem' },
      body: RedeemInputSchema,
      response: OrderViewSchema,
      status: 201,
      errors: [403, 404, 409],
      handler: ({ body, state, ctx }) => redeem(deps, state.em, state.actor!, body, ctx.get('idempotency-key') || undefined),
    }),
    defineRoute({
      method: 'get',
      path: '/redemptions',
      summary: 'My gift orders, newest first',
      tags: ['points'],
      access: { permission: 'gifts.redeem' },
      query: OrderListQuerySchema,
      response: OrderPageSchema,
      handler: ({ query, state }) => listOwnOrders(deps, state.em, state.actor!, query),
    }),
    defineRoute({
      method: 'get',
      path: '/redemptions/:id',
      summary: 'One of my gift orders (404 for anyone else’s)',
      tags: ['points'],
      access: { permission: 'gifts.redeem' },
      params: IdParams,
      response: OrderViewSchema,
      errors: [404],
      handler: ({ params, state }) => ownOrder(deps, state.em, state.actor!, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/redemptions/:id/cancel',
      summary: 'Cancel my order while it is pending: points refunded and units restocked once',
      tags: ['points'],
      access: { permission: 'gifts.redeem' },
      params: IdParams,
      body: CancelInputSchema,
      response: OrderViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => cancelOwnOrder(deps, state.em, state.actor!, params.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/redemptions',
      summary: 'All gift orders, newest first, with counts per status; `q` is an order number (or its start) or a tracking number',
      tags: ['points', 'admin'],
      access: { permission: 'admin.gifts' },
      query: AdminOrderListQuerySchema,
      response: AdminOrderPageSchema,
      handler: ({ query, state }) => adminOrders(deps, state.em, query),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/redemptions/export.csv',
      summary: 'Packing list of orders in one status (default pending) as CSV for Excel, with full recipients and addresses (audited per person)',
      tags: ['points', 'admin'],
      access: { permission: 'admin.gifts' },
      query: ExportQuery,
      response: z.unknown(),
      produces: 'text/csv',
      rateLimit: 'export',
      handler: async ({ query, state, ctx }) => {
        const { filename, chineseFilename, bytes } = await exportOrdersCsv(deps, state.em, state.actor!, query.status ?? 'pending', state.requestId);
        ctx.type = 'text/csv; charset=utf-8';
        // RFC 6266: browsers that read filename* save the Chinese name; the ASCII one is the fallback.
        ctx.set('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(chineseFilename)}`);
        ctx.set('Cache-Control', 'private, no-store');
        return bytes;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/admin/redemptions/:id/ship',
      summary: 'Ship a pending order with carrier and tracking number; the person is notified',
      tags: ['points', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      body: ShipInputSchema,
      response: AdminOrderViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => shipOrder(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/redemptions/:id/deliver',
      summary: 'Mark a shipped order delivered; the person is notified',
      tags: ['points', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      response: AdminOrderViewSchema,
      errors: [404, 409],
      handler: ({ params, state }) => deliverOrder(deps, state.em, state.actor!, params.id, state.requestId),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/redemptions/:id/cancel',
      summary: 'Cancel a pending or shipped order with a reason the person reads: points refunded and units restocked once',
      tags: ['points', 'admin'],
      access: { permission: 'admin.gifts' },
      params: IdParams,
      body: AdminCancelInputSchema,
      response: AdminOrderViewSchema,
      errors: [404, 409],
      handler: ({ params, body, state }) => adminCancelOrder(deps, state.em, state.actor!, params.id, body, state.requestId),
    }),
  ];
}
