import { z } from 'zod';
import { ExportMediaQuerySchema, ExportSchema, MyDataSchema } from '../../../../shared/schemas/export.schema';
import type { AppDeps } from '../../app-deps';
import { defineRoute, type AnyRoute } from '../../http/route';
import type { LimitSpec } from '../../http/rate-limit';
import { mediaFilename, openMediaLink } from './media-links';
import { exportMyData, myDataPage } from './my-data.service';

/** Following export links: a generous allowance per address (an export may link many photos), but no scanning. */
const MEDIA_LINK_LIMIT: LimitSpec = { name: 'export-media-ip', points: 600, durationSeconds: 600 };

/**
 * "My data" (PIPL Art. 45): the page, the file, and the links in the file.
 * The page and the file are reachable before a new policy is accepted
 * (consent-exempt): seeing and copying what is held must not depend on
 * agreeing to anything new.
 */
export function myDataRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me/data',
      summary: 'Everything held about me, for reading: lists are the newest 50 with their totals',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: MyDataSchema,
      handler: ({ state }) => myDataPage(deps, state.em, state.actor!),
    }),
    defineRoute({
      method: 'get',
      path: '/me/export',
      summary: 'A copy of everything held about me as a JSON file (docs/export-format.md); media as links valid 24 hours',
      tags: ['privacy'],
      access: { permission: 'profile.self' },
      consentExempt: true,
      response: ExportSchema,
      produces: 'application/json',
      rateLimit: 'export',
      errors: [429],
      handler: async ({ state, ctx }) => {
        const { filename, chineseFilename, json } = await exportMyData(deps, state.em, state.actor!, {
          requestId: state.requestId,
          baseUrl: deps.env.PUBLIC_BASE_URL ?? `${ctx.protocol}://${ctx.host}`,
        });
        ctx.type = 'application/json; charset=utf-8';
        // RFC 6266: browsers that read filename* save the Chinese name; the ASCII one is the fallback.
        ctx.set('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(chineseFilename)}`);
        ctx.set('Cache-Control', 'private, no-store');
        // The document was validated against ExportSchema before it was serialised (pretty-printed, for people too).
        return json as unknown as z.infer<typeof ExportSchema>;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/export-media/:fileId',
      summary: 'A photo or voice note linked from an export file (signed, expiring link; no session needed)',
      tags: ['privacy'],
      access: { public: true },
      params: z.object({ fileId: z.string().uuid() }),
      query: ExportMediaQuerySchema,
      response: z.unknown(),
      produces: 'application/octet-stream',
      errors: [403, 404, 429],
      handler: async ({ params, query, state, ctx }) => {
        await deps.rateLimits.consume(MEDIA_LINK_LIMIT, ctx.ip);
        const file = await openMediaLink(deps, state.em, { fileId: params.fileId, exp: query.exp, sig: query.sig });
        ctx.type = file.mime;
        ctx.set('Content-Disposition', `attachment; filename="${mediaFilename(file.purpose, params.fileId, file.mime)}"`);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.set('Referrer-Policy', 'no-referrer');
        return file.bytes;
      },
    }),
  ];
}
