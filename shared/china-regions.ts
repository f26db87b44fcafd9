import { areaList } from '@vant/area-data';

/**
 * China's administrative divisions (GB/T 2260 six-digit codes) from
 * `@vant/area-data`, the dataset Vant maintains for its own area picker.
 * Addresses store codes; names come from here, so a renamed district shows
 * its current name and nobody types a province by hand.
 */
export interface RegionOption {
  code: string;
  name: string;
}

const byName = (a: RegionOption, b: RegionOption) => a.code.localeCompare(b.code);

function options(list: Record<string, string>, parent?: { code: string; digits: number }): RegionOption[] {
  return Object.entries(list)
    .filter(([code]) => !parent || code.slice(0, parent.digits) === parent.code.slice(0, parent.digits))
    .map(([code, name]) => ({ code, name }))
    .sort(byName);
}

export function provinces(): RegionOption[] {
  return options(areaList.province_list);
}

export function citiesOf(provinceCode: string): RegionOption[] {
  return options(areaList.city_list, { code: provinceCode, digits: 2 });
}

export function districtsOf(cityCode: string): RegionOption[] {
  return options(areaList.county_list, { code: cityCode, digits: 4 });
}

export interface RegionNames {
  province: string;
  city: string;
  district: string;
}

/**
 * Names for a province/city/district triple, or null when the codes are not
 * a real chain (a city outside its province, a district outside its city).
 * A city with no districts in the dataset takes its own code as district.
 */
export function regionNames(provinceCode: string, cityCode: string, districtCode: string): RegionNames | null {
  const province = areaList.province_list[provinceCode];
  const city = areaList.city_list[cityCode];
  if (!province || !city || cityCode.slice(0, 2) !== provinceCode.slice(0, 2)) return null;
  if (districtsOf(cityCode).length === 0) return districtCode === cityCode ? { province, city, district: '' } : null;
  const district = areaList.county_list[districtCode];
  if (!district || districtCode.slice(0, 4) !== cityCode.slice(0, 4)) return null;
  return { province, city, district };
}

/** "北京市 北京市 朝阳区" → one line for a label, dropping a repeated municipality name. */
export function regionLabel(names: RegionNames): string {
  const parts = [names.province, names.city === names.province ? '' : names.city, names.district];
  return parts.filter(Boolean).join(' ');
}
