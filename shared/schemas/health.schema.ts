import { z } from 'zod';
import { DATA_REGIONS } from '../regions';

export const HealthSchema = z.object({
  status: z.literal('ok'),
  region: z.enum(DATA_REGIONS),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;

export const ReadySchema = z.object({
  status: z.literal('ready'),
  checks: z.object({ database: z.literal('ok'), redis: z.literal('ok').optional() }),
});
export type Ready = z.infer<typeof ReadySchema>;
