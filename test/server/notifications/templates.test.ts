import { ConfigError, parseEnv } from '../../../server/src/config/env';
import { templateData, templateIds } from '../../../server/src/modules/notifications/wechat-templates';

/** Which WeChat templates the server sends, from configuration, and what it puts in them. */
describe('template ids', () => {
  it('uses the development ids with the stand-in and none against real WeChat unless configured', () => {
    expect(Object.keys(templateIds(parseEnv({ NODE_ENV: 'test' })))).toEqual(['ticket_status', 'ticket_comment', 'sla_warning', 'order_status']);
    expect(templateIds(parseEnv({ NODE_ENV: 'test', WECHAT_API_BASE: 'http://127.0.0.1:9' }))).toEqual({});
    expect(templateIds(parseEnv({ NODE_ENV: 'test', WECHAT_API_BASE: 'http://127.0.0.1:9', WECHAT_TEMPLATES: 'ticket_comment=AbC-1' }))).toEqual({ ticket_comment: 'AbC-1' });
  });

  it.each(['ticket_status', 'ticket_status=A,ticket_state=B', 'ticket_status='])('refuses WECHAT_TEMPLATES=%s at start, naming the setting', (value) => {
    expect(() => parseEnv({ NODE_ENV: 'test', WECHAT_TEMPLATES: value })).toThrow(ConfigError);
    try {
      parseEnv({ NODE_ENV: 'test', WECHAT_TEMPLATES: value });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.setting)).toEqual(['WECHAT_TEMPLATES']);
    }
  });
});

describe('template data', () => {
  it('fits WeChat’s field lengths and shows Beijing time', () => {
    const data = templateData({ kind: 'ticket_status', ticketNumber: 'R20261122-0001', body: '维修已完成，请查看维修报告并评价。如有问题请在工单中留言。', at: new Date('2026-11-22T06:05:00Z') });
    expect(data).toEqual({ character_string1: 'R20261122-0001', phrase2: '状态更新', thing3: expect.any(String), time4: '2026-11-22 14:05' });
    expect([...data.thing3!]).toHaveLength(20);
    expect(data.thing3!.endsWith('…')).toBe(true);
  });
});
