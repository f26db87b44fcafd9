import { HealthSchema, type Health } from '@shared/schemas/health.schema'
import { requestParsed } from './http'

export function getHealth(): Promise<Health> {
  return requestParsed(HealthSchema, '/health')
}
