/** Data regions the service may run in. Only mainland China for now (PIPL Art. 38–40). */
export const DATA_REGIONS = ['cn-mainland'] as const;
export type DataRegion = (typeof DATA_REGIONS)[number];
