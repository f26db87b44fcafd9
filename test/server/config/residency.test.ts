import { parseEnv } from '../../../server/src/config/env';
import { checkResidency, isLoopbackOrPrivate, isMainlandHost } from '../../../server/src/config/residency';

const violationsOf = (source: Record<string, string>) => checkResidency(parseEnv(source)).map((v) => v.setting);

describe('data residency check', () => {
  it.each(['127.0.0.1', 'localhost', '10.1.2.3', '172.20.0.5', '192.168.1.10', '::1', '[::1]', 'fd12:3456::1'])(
    'accepts %s as this machine or a private network',
    (host) => expect(isLoopbackOrPrivate(host)).toBe(true),
  );

  it.each(['8.8.8.8', '172.32.0.1', 'example.com', '2001:db8::1'])('does not take %s for a private address', (host) =>
    expect(isLoopbackOrPrivate(host)).toBe(false),
  );

  it.each([
    'api.weixin.qq.com',
    'sms.tencentcloudapi.com',
    'sms.ap-guangzhou.tencentcloudapi.com',
    'scopedesk-1250000000.cos.ap-shanghai.myqcloud.com',
    'gz-postgres-abc123.sql.tencentcdb.com',
    'oss-cn-hangzhou.aliyuncs.com',
    'dysmsapi.aliyuncs.com',
    'obs.cn-north-4.myhuaweicloud.com',
    's3.cn-north-1.amazonaws.com.cn',
  ])('accepts the mainland endpoint %s', (host) => expect(isMainlandHost(host)).toBe(true));

  it.each([
    'sms.ap-singapore.tencentcloudapi.com',
    'bucket.cos.ap-hongkong.myqcloud.com',
    'hk-postgres-abc.sql.tencentcdb.com',
    'oss-cn-hongkong.aliyuncs.com',
    'oss-ap-southeast-1.aliyuncs.com',
    's3.us-east-1.amazonaws.com',
    'db.example.com',
    'weixin.qq.com.attacker.net',
  ])('refuses %s', (host) => expect(isMainlandHost(host)).toBe(false));

  it('names every out-of-region setting', () => {
    expect(
      violationsOf({
        DATABASE_URL: 'postgres://u@db.example.com:5432/x',
        REDIS_URL: 'redis://cache.example.org:6379',
        WECHAT_API_BASE: 'https://api.weixin.qq.com',
        SMS_PROVIDER: 'tencent',
        SMS_API_BASE: 'https://sms.ap-singapore.tencentcloudapi.com',
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: 'https://cos.ap-shanghai.myqcloud.com',
        BACKUP_URL: 'https://backups.eu.example.net/scopedesk',
      }).sort(),
    ).toEqual(['BACKUP_URL', 'DATABASE_URL', 'REDIS_URL', 'SMS_API_BASE']);
  });

  it('accepts the embedded defaults and hosts the operator attests to', () => {
    expect(violationsOf({})).toEqual([]);
    expect(violationsOf({ DATABASE_URL: 'postgres://u@pgm-bp1.pg.rds.aliyuncs.com/x', RESIDENCY_EXTRA_HOSTS: '*.pg.rds.aliyuncs.com' })).toEqual([]);
  });

  it('requires an endpoint for S3 storage', () => {
    expect(violationsOf({ STORAGE_DRIVER: 's3' })).toEqual(['S3_ENDPOINT']);
  });
});
