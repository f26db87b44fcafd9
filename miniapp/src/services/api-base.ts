// Replaced at build time from .env.<mode>; empty means same origin (the H5
// build is served by the API server). Real weapp builds need the HTTPS domain.
export const API_BASE = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '')

export const API_PREFIX = '/api/v1'
