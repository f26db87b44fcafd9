import type { EntityManager } from '@mikro-orm/core';
import type { DepartmentItem, HospitalItem } from '../../../../shared/schemas/directory.schema';
import { NotFoundError } from '../../core/errors';

interface HospitalRow {
  id: string;
  name: string;
  province: string;
  city: string;
  address: string;
  latitude: number | string;
  longitude: number | string;
}

const EARTH_RADIUS_KM = 6371;

export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/**
 * Hospital search for registration: by name, and/or nearest first. The
 * location is used for this one query and never stored or logged. Ordering
 * uses an equirectangular distance (plain arithmetic, same SQL on SQLite and
 * PostgreSQL); the returned distance is the great-circle one.
 */
export async function searchHospitals(
  em: EntityManager,
  query: { q?: string; near?: string; limit: number },
): Promise<HospitalItem[]> {
  const params: unknown[] = [];
  let where = '';
  if (query.q) {
    where = 'where lower(name) like ?';
    params.push(`%${query.q.toLowerCase().replace(/[%_\\]/g, '')}%`);
  }
  let order = 'order by name, id';
  let origin: { lat: number; lng: number } | undefined;
  if (query.near) {
    const [lat, lng] = query.near.split(',').map(Number) as [number, number];
    origin = { lat, lng };
    const k = Math.cos((lat * Math.PI) / 180);
    order = 'order by ((latitude - ?) * (latitude - ?) + ((longitude - ?) * ?) * ((longitude - ?) * ?)), id';
    params.push(lat, lat, lng, k, lng, k);
  }
  params.push(query.limit);
  const rows = (await em
    .getConnection()
    .execute(`select id, name, province, city, address, latitude, longitude from hospital ${where} ${order} limit ?`, params)) as unknown as HospitalRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    province: r.province,
    city: r.city,
    address: r.address,
    ...(origin ? { distanceKm: Math.round(haversineKm(origin, { lat: Number(r.latitude), lng: Number(r.longitude) }) * 10) / 10 } : {}),
  }));
}

export async function departmentsOf(em: EntityManager, hospitalId: string): Promise<DepartmentItem[]> {
  const exists = await em.getConnection().execute<{ id: string }[]>('select id from hospital where id = ?', [hospitalId]);
  if (!exists.length) throw new NotFoundError('No such hospital.');
  return (await em.getConnection().execute('select id, name from department where hospital_id = ? order by name', [hospitalId])) as unknown as DepartmentItem[];
}
