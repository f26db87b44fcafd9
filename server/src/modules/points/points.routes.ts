import {
  PointsAdjustmentResultSchema,
  PointsAdjustmentSchema,
  PointsLedgerPageSchema,
  PointsLedgerQuerySchema,
  PointsSummarySchema,
  ReconciliationSchema,
} from '../../../../shared/schemas/points.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute } from '../../http/route';
import { adjustPoints, pointsLedger, pointsSummary, reconcilePoints } from './points.service';

export function pointsRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/points',
      summary: 'My points balance, what I earned this year, and the earning caps',
      tags: ['points'],
      access: { permission: 'points.self' },
      response: PointsSummarySchema,
      handler: ({ state }) => pointsSummary(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'get',
      path: '/points/ledger',
      summary: 'My points ledger, newest first',
      tags: ['points'],
      access: { permission: 'points.self' },
      query: PointsLedgerQuerySchema,
      response: PointsLedgerPageSchema,
      handler: ({ query, state }) => pointsLedger(state.em, state.actor!, query),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/points/adjustments',
      summary: "Adjust a staff member's points with a reason (recorded with the admin's id)",
      tags: ['points', 'admin'],
      access: { permission: 'admin.points' },
      body: PointsAdjustmentSchema,
      response: PointsAdjustmentResultSchema,
      status: 201,
      errors: [404, 409],
      handler: ({ body, state }) => adjustPoints(deps, state.em, state.actor!, body, state.requestId),
    }),
    defineRoute({
      method: 'get',
      path: '/admin/points/reconciliation',
      summary: 'Check that every balance equals the sum of its ledger entries',
      tags: ['points', 'admin'],
      access: { permission: 'admin.points' },
      response: ReconciliationSchema,
      handler: ({ state }) => reconcilePoints(state.em),
    }),
  ];
}
