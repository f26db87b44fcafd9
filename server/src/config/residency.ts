import net from 'node:net';
import type { Env } from './env';

/**
 * Data residency (PIPL Art. 38–40): every endpoint that can hold or receive
 * personal data must be on this machine, on a private network, or at a
 * provider host that is in mainland China. Anything else stops the start.
 */

const MAINLAND_TENCENT_REGIONS = /(^|[.-])ap-(beijing|shanghai|guangzhou|chengdu|chongqing|nanjing|shenzhen-fsi|shanghai-fsi|beijing-fsi|shanghai-adc)([.-]|$)/;
const ANY_TENCENT_REGION = /(^|[.-])ap-[a-z]+/;
const TENCENTDB_MAINLAND_PREFIX = /^(bj|sh|gz|cd|cq|nj|sz)-/;
const ALIYUN_MAINLAND_REGION = /(^|[.-])cn-(?!hongkong)[a-z]+(-[a-z0-9]+)?([.-]|$)/;
const HUAWEI_MAINLAND_REGION = /(^|[.-])cn-(north|east|south|southwest|northeast)-\d+([.-]|$)/;

interface HostRule {
  suffix: string;
  /** Where a host carries its region, the region must be mainland. */
  inRegion: (host: string) => boolean;
}

const MAINLAND_HOSTS: HostRule[] = [
  { suffix: 'weixin.qq.com', inRegion: () => true },
  // Tencent Cloud API: the global name routes to mainland; a regional name must be a mainland region.
  { suffix: 'tencentcloudapi.com', inRegion: (h) => !ANY_TENCENT_REGION.test(h) || MAINLAND_TENCENT_REGIONS.test(h) },
  { suffix: 'myqcloud.com', inRegion: (h) => MAINLAND_TENCENT_REGIONS.test(h) },
  { suffix: 'tencentcdb.com', inRegion: (h) => TENCENTDB_MAINLAND_PREFIX.test(h) },
  { suffix: 'dysmsapi.aliyuncs.com', inRegion: () => true },
  { suffix: 'aliyuncs.com', inRegion: (h) => ALIYUN_MAINLAND_REGION.test(h) },
  { suffix: 'myhuaweicloud.com', inRegion: (h) => HUAWEI_MAINLAND_REGION.test(h) },
  { suffix: 'amazonaws.com.cn', inRegion: () => true },
];

export interface ResidencyViolation {
  setting: string;
  host: string;
  message: string;
}

export function isLoopbackOrPrivate(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (net.isIPv6(h)) {
    return h === '::1' || /^f[cd][0-9a-f]{2}:/.test(h);
  }
  return false;
}

function matchesSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

export function isMainlandHost(host: string, extraHosts: string[] = []): boolean {
  const h = host.toLowerCase();
  for (const extra of extraHosts) {
    if (extra.startsWith('*.') ? matchesSuffix(h, extra.slice(2)) : h === extra) return true;
  }
  const rule = MAINLAND_HOSTS.find((r) => matchesSuffix(h, r.suffix));
  return rule ? rule.inRegion(h) : false;
}

/** The endpoints that can hold or receive personal data, by the setting that names them. */
export function personalDataEndpoints(env: Env): { setting: string; url: string }[] {
  const out: { setting: string; url: string }[] = [];
  if (env.database.dialect === 'postgresql') out.push({ setting: 'DATABASE_URL', url: env.database.url });
  if (env.REDIS_URL) out.push({ setting: 'REDIS_URL', url: env.REDIS_URL });
  if (env.STORAGE_DRIVER === 's3' && env.S3_ENDPOINT) out.push({ setting: 'S3_ENDPOINT', url: env.S3_ENDPOINT });
  if (env.SMS_PROVIDER !== 'dev') out.push({ setting: 'SMS_API_BASE', url: env.SMS_API_BASE });
  if (env.WECHAT_API_BASE) out.push({ setting: 'WECHAT_API_BASE', url: env.WECHAT_API_BASE });
  if (env.BACKUP_URL) out.push({ setting: 'BACKUP_URL', url: env.BACKUP_URL });
  return out;
}

export function checkResidency(env: Env): ResidencyViolation[] {
  const extra = env.RESIDENCY_EXTRA_HOSTS.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const violations: ResidencyViolation[] = [];
  if (env.STORAGE_DRIVER === 's3' && !env.S3_ENDPOINT) {
    violations.push({ setting: 'S3_ENDPOINT', host: '', message: 'must be set when STORAGE_DRIVER=s3 (an in-region endpoint)' });
  }
  for (const { setting, url } of personalDataEndpoints(env)) {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      violations.push({ setting, host: '', message: 'is not a URL' });
      continue;
    }
    if (!host) {
      // A socket path (postgres:///db?host=/run/postgresql) stays on this machine.
      continue;
    }
    if (isLoopbackOrPrivate(host) || isMainlandHost(host, extra)) continue;
    violations.push({
      setting,
      host,
      message: `host "${host}" is not on this machine, a private network, or the mainland-China allow-list (DATA_REGION=${env.DATA_REGION}); personal data may not leave the region`,
    });
  }
  return violations;
}
