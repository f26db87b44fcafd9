import path from 'node:path';
import { z } from 'zod';
import { DATA_REGIONS } from '../../../shared/regions';
import { TEMPLATE_KEYS } from '../../../shared/notifications';
import { DEFAULT_YEARLY_VALUE_CAP_YUAN, parseEarningRules } from '../modules/points/points-rules';
import { parseRetentionDays } from '../modules/privacy/retention.rules';
import { DEFAULT_BUSINESS_DAYS_TEXT, DEFAULT_BUSINESS_HOURS_TEXT, DEFAULT_SLA_TARGETS_TEXT, DEFAULT_WARN_PERCENT, parseBusinessDays, parseBusinessHours, parseSlaTargets, type Parsed } from '../../../shared/sla';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = z.string().refine((v) => URL.canParse(v), 'must be an absolute URL');

/** A setting in one of the SLA text formats (shared/sla.ts), refused with the parser's message. */
const parsedWith = <T>(parse: (text: string) => Parsed<T>, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const parsed = parse(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    /** Unset → SQLite file in DATA_DIR; `postgres://…` → PostgreSQL; `sqlite::memory:` or `sqlite:<path>` → SQLite. */
    DATABASE_URL: z
      .string()
      .refine(
        (v) => /^postgres(ql)?:\/\//.test(v) || v.startsWith('sqlite:'),
        'must be a postgres:// URL or sqlite:<path>',
      )
      .optional(),
    DATA_REGION: z.enum(DATA_REGIONS).default('cn-mainland'),
    /** Extra in-region hosts the operator attests to (comma-separated, `*.suffix` allowed). */
    RESIDENCY_EXTRA_HOSTS: z.string().default(''),
    REDIS_URL: url.optional(),
    /**
     * Web origins other than this server's own that may call the API from a browser (comma-separated,
     * e.g. `https://console.example.cn`). Empty: none, which the mini-program and the H5 app served
     * from this origin do not need.
     */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
      .refine((list) => list.every((o) => URL.canParse(o) && new URL(o).origin === o), 'must be origins like https://console.example.cn, comma-separated (no path, no trailing slash)'),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: url.optional(),
    /** Object storage (STORAGE_DRIVER=s3): bucket, signing region (e.g. ap-shanghai), credentials; path-style URLs for MinIO-like servers. */
    S3_BUCKET: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: flag.default(false),
    BACKUP_URL: url.optional(),
    SMS_PROVIDER: z.enum(['dev', 'tencent']).default('dev'),
    SMS_API_BASE: url.default('https://sms.tencentcloudapi.com'),
    /** Daily caps on verification SMS: per phone number and per client IP. */
    SMS_COOLDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
    SMS_PHONE_DAILY_LIMIT: z.coerce.number().int().min(1).default(10),
    SMS_IP_DAILY_LIMIT: z.coerce.number().int().min(1).default(50),
    /**
     * Requests per minute (route-limits.ts): sign-in routes per address (a hospital's staff may share
     * one address), uploads, writes and exports per person.
     */
    AUTH_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    UPLOAD_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    WRITE_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    EXPORT_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(10),
    /** Tencent Cloud SMS (SMS_PROVIDER=tencent): API credentials, SDK app, signature and template. */
    TENCENT_SMS_SECRET_ID: z.string().min(1).optional(),
    TENCENT_SMS_SECRET_KEY: z.string().min(1).optional(),
    TENCENT_SMS_REGION: z.string().min(1).default('ap-guangzhou'),
    TENCENT_SMS_APP_ID: z.string().min(1).optional(),
    TENCENT_SMS_SIGN_NAME: z.string().min(1).optional(),
    TENCENT_SMS_TEMPLATE_ID: z.string().min(1).optional(),
    /** Personal-field encryption keys: `keyId:base64(32 bytes)`, comma-separated, current first. */
    PII_KEYS: z.string().min(1).optional(),
    /** Blind-index (HMAC) key for equality lookups on encrypted fields: base64 of 32 bytes. */
    PII_INDEX_KEY: z.string().min(1).optional(),
    /** Unset outside production → the bundled WeChat stand-in is started on loopback. */
    WECHAT_API_BASE: url.optional(),
    WECHAT_APPID: z.string().min(1).optional(),
    WECHAT_SECRET: z.string().min(1).optional(),
    /** Subscription-message template ids by our key: `ticket_status=ID,ticket_comment=ID,sla_warning=ID`; a key left out sends no WeChat copy. */
    WECHAT_TEMPLATES: z
      .string()
      .refine(
        (v) => v.split(',').every((pair) => /^\s*[a-z_]+\s*=\s*\S+\s*$/.test(pair) && (TEMPLATE_KEYS as readonly string[]).includes(pair.split('=')[0]!.trim())),
        `must be key=templateId pairs, comma-separated; keys: ${TEMPLATE_KEYS.join(', ')}`,
      )
      .optional(),
    /** How often the outbox worker looks for messages to deliver. */
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    PUBLIC_BASE_URL: url.optional(),
    /** Staff see their (and their managed departments') tickets and chats created within this many days. */
    VISIBILITY_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** SLA targets per hospital tier in business hours, `tier=response/resolution`: `standard=4/72,premium=2/48`. */
    SLA_TARGETS: parsedWith(parseSlaTargets, DEFAULT_SLA_TARGETS_TEXT),
    /** The working day SLA clocks count in, Asia/Shanghai time: `08:30-17:30`. */
    SLA_BUSINESS_HOURS: parsedWith(parseBusinessHours, DEFAULT_BUSINESS_HOURS_TEXT),
    /** Working days as ISO weekdays (1 = Monday): `1-5`. Public holidays are not modelled. */
    SLA_BUSINESS_DAYS: parsedWith(parseBusinessDays, DEFAULT_BUSINESS_DAYS_TEXT),
    /** A warning goes to the engineer and admins once this percentage of a target is used. */
    SLA_WARN_PERCENT: z.coerce.number().int().min(1, 'must be 1–99 (percent of the target)').max(99, 'must be 1–99 (percent of the target)').default(DEFAULT_WARN_PERCENT),
    /** Earning rules as JSON keyed by reason, merged over the defaults: `{"ticket_rated":{"points":20,"perDay":3,"perYear":50}}`. */
    POINTS_RULES: parsedWith(parseEarningRules, ''),
    /** Yearly cap on the market value of gifts one person may redeem, in whole yuan (anti-bribery). */
    POINTS_YEARLY_VALUE_CAP_YUAN: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_YEARLY_VALUE_CAP_YUAN),
    /** Days between cancelling an account and the purge of its personal data; signing in and undoing keeps it (privacy.md). */
    CANCELLATION_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(15),
    /** Retention periods in days by data category, JSON merged over the defaults (docs/retention.md): `{"chat_messages":730}`. */
    RETENTION_DAYS: parsedWith(parseRetentionDays, ''),
    /** The nightly retention job's bounded work: rows (or files) per batch, and batches per category per run. */
    RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    RETENTION_MAX_BATCHES: z.coerce.number().int().min(1).max(1_000).default(20),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * How far (percent) V8 lets the heap grow past the live data before the next full collection; 0 keeps
     * V8's own factor, which let the heap reach four times the live data under load (docs/performance.md, memory).
     */
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(100),
    DEMO_SEED: flag.default(false),
    /** Serve the built H5 app from this origin (npm start turns it on). */
    SERVE_H5: flag.default(false),
    H5_DIR: z.string().min(1).default('dist/h5'),
  })
  .superRefine((env, ctx) => {
    const prod = env.NODE_ENV === 'production';
    if (!prod) return;
    const need = (key: keyof typeof env, why: string) => {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required in production (${why})` });
    };
    need('DATABASE_URL', 'production runs on PostgreSQL');
    need('WECHAT_API_BASE', 'the WeChat stand-in is for development only');
    need('WECHAT_APPID', 'WeChat login');
    need('WECHAT_SECRET', 'WeChat login');
    need('PUBLIC_BASE_URL', 'links in messages');
    if (env.SMS_PROVIDER === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['SMS_PROVIDER'], message: 'must not be "dev" in production (it returns codes to the caller)' });
    }
    need('PII_KEYS', 'personal fields are encrypted with keys from the environment');
    need('PII_INDEX_KEY', 'phone lookups use a keyed blind index');
    if (env.SMS_PROVIDER === 'tencent') {
      for (const key of ['TENCENT_SMS_SECRET_ID', 'TENCENT_SMS_SECRET_KEY', 'TENCENT_SMS_APP_ID', 'TENCENT_SMS_SIGN_NAME', 'TENCENT_SMS_TEMPLATE_ID'] as const) {
        need(key, 'Tencent Cloud SMS');
      }
    }
    if (env.DEMO_SEED) {
      ctx.addIssue({ code: 'custom', path: ['DEMO_SEED'], message: 'must be off in production' });
    }
  });

export type RawEnv = z.infer<typeof EnvSchema>;

export interface Env extends RawEnv {
  DATA_DIR: string;
  /** Which database the ORM opens, derived from DATABASE_URL. */
  database: { dialect: 'sqlite'; file: string } | { dialect: 'postgresql'; url: string };
  /** The stand-in is used when no WeChat endpoint is configured (never in production). */
  useWechatStandIn: boolean;
  WECHAT_APPID: string;
  WECHAT_SECRET: string;
}

/** Thrown when the environment cannot run the server; `settings` names every culprit. */
export class ConfigError extends Error {
  constructor(
    readonly problems: { setting: string; message: string }[],
  ) {
    super(
      'Configuration error — the server will not start:\n' +
        problems.map((p) => `  ${p.setting}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // An empty variable means "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => ({ setting: String(i.path[0] ?? '(environment)'), message: i.message })),
    );
  }
  const raw = result.data;
  const dataDir = path.resolve(raw.DATA_DIR);
  return {
    ...raw,
    DATA_DIR: dataDir,
    database: databaseOf(raw.DATABASE_URL, dataDir),
    useWechatStandIn: !raw.WECHAT_API_BASE,
    WECHAT_APPID: raw.WECHAT_APPID ?? 'wx0000000000dev00',
    WECHAT_SECRET: raw.WECHAT_SECRET ?? 'dev-secret-not-for-production',
  };
}

function databaseOf(url: string | undefined, dataDir: string): Env['database'] {
  if (!url) return { dialect: 'sqlite', file: path.join(dataDir, 'scopedesk.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    return { dialect: 'sqlite', file: file === ':memory:' ? ':memory:' : path.resolve(file) };
  }
  return { dialect: 'postgresql', url };
}
