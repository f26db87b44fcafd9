import { labelCodeFor } from '../../server/src/modules/equipment/label-code';
import { DAY_MS, HISTORY_DAYS } from './config';
import { CITIES, DEPARTMENTS, HOSPITAL_PATTERNS, MODELS } from './words';
import { idAt, type World } from './world';

export interface Department {
  id: string;
  hospitalIndex: number;
  hospitalId: string;
  /** Position in its hospital (0 = busiest, the endoscopy centre). */
  rank: number;
  /** Share of all tickets this department reports (relative). */
  weight: number;
  unitIds: string[];
  unitModels: string[];
}

export interface Hospital {
  id: string;
  index: number;
  cityIndex: number;
  departments: Department[];
}

export interface Directory {
  hospitals: Hospital[];
  departments: Department[];
  modelIds: string[];
  dealerId: string;
}

/**
 * Hospitals by size: weight 1/rank^0.7 (a few big teaching hospitals, a long
 * tail of district hospitals); 4–30 departments each, 5,000 in all;
 * department weight 1/position within its hospital (the endoscopy centre and
 * gastroenterology report most). The biggest hospital's ten busiest
 * departments report ~4% of all tickets — what the advanced bench user sees.
 */
export function buildDirectory(w: World): Directory {
  const { rng, sink } = w;
  const created = w.now - (HISTORY_DAYS + 60) * DAY_MS;
  const n = w.size.hospitals;
  const hospitalWeight = Array.from({ length: n }, (_, r) => 1 / Math.pow(r + 1, 0.7));
  const deptCounts = allocate(hospitalWeight.map((x) => Math.sqrt(x)), w.size.departments, 4, DEPARTMENTS.length);

  const modelIds = MODELS.map((m, i) => {
    const id = idAt(w, created + i);
    sink.add('equipment_model', { id, created_at: new Date(created + i), name: m.name, category: m.category, manufacturer: '示例医疗器械有限公司' });
    return id;
  });
  const dealerId = idAt(w, created);
  sink.add('dealer', { id: dealerId, created_at: new Date(created), name: '华东示例医疗设备经销有限公司', contract_ref: 'BENCH-2025-001', purposes: JSON.stringify(['onsite_check', 'pickup']), active: true });

  const hospitals: Hospital[] = [];
  const departments: Department[] = [];
  let serial = 100000;
  for (let i = 0; i < n; i++) {
    const cityIndex = i % CITIES.length;
    const city = CITIES[cityIndex]!;
    const at = created + i * 1000;
    const id = idAt(w, at);
    const name = `${HOSPITAL_PATTERNS[Math.floor(i / CITIES.length) % HOSPITAL_PATTERNS.length]!(city.city, Math.floor(i / CITIES.length))}${i >= CITIES.length * HOSPITAL_PATTERNS.length ? `（${Math.floor(i / (CITIES.length * HOSPITAL_PATTERNS.length)) + 1}院区）` : ''}`;
    sink.add('hospital', {
      id,
      created_at: new Date(at),
      name,
      province: city.province,
      city: city.city,
      region_code: `${city.code}${String(1 + (i % 9)).padStart(2, '0')}`,
      address: `${city.city}示例路${100 + i}号`,
      latitude: Math.round((city.lat + rng.between(-0.2, 0.2)) * 1e6) / 1e6,
      longitude: Math.round((city.lng + rng.between(-0.2, 0.2)) * 1e6) / 1e6,
      service_tier: i < n * 0.2 ? 'premium' : 'standard',
    });
    const hospital: Hospital = { id, index: i, cityIndex, departments: [] };
    for (let j = 0; j < deptCounts[i]!; j++) {
      const dId = idAt(w, at + 1 + j);
      sink.add('department', { id: dId, created_at: new Date(at + 1 + j), hospital_id: id, name: DEPARTMENTS[j]! });
      const dept: Department = { id: dId, hospitalIndex: i, hospitalId: id, rank: j, weight: hospitalWeight[i]! / (j + 1), unitIds: [], unitModels: [] };
      // Equipment: busy departments hold more scopes.
      const units = Math.max(1, Math.round(6 / (j + 1) + rng.next() * 2));
      for (let u = 0; u < units; u++) {
        const uId = idAt(w, at + 100 + j * 10 + u);
        const model = rng.int(MODELS.length);
        const s = `SD${serial++}`;
        sink.add('equipment_unit', {
          id: uId,
          created_at: new Date(at + 100 + j * 10 + u),
          model_id: modelIds[model]!,
          serial: s,
          label_code: labelCodeFor(s),
          hospital_id: id,
          department_id: dId,
          covered_until: new Date(w.now + rng.between(-200, 900) * DAY_MS).toISOString().slice(0, 10),
        });
        dept.unitIds.push(uId);
        dept.unitModels.push(MODELS[model]!.name);
      }
      hospital.departments.push(dept);
      departments.push(dept);
    }
    hospitals.push(hospital);
  }
  return { hospitals, departments, modelIds, dealerId };
}

/** Splits `total` in proportion to weights, each share within [min, max] (largest remainder). */
export function allocate(weights: number[], total: number, min: number, max: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((x) => Math.min(max, Math.max(min, (x / sum) * total)));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
  while (left !== 0) {
    let moved = false;
    for (const i of order) {
      if (left > 0 && out[i]! < max) (out[i]! += 1), left--, (moved = true);
      else if (left < 0 && out[i]! > min) (out[i]! -= 1), left++, (moved = true);
      if (left === 0) break;
    }
    if (!moved) throw new Error(`cannot split ${total} within [${min}, ${max}]`);
  }
  return out;
}
