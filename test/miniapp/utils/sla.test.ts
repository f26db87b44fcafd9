import type { SlaClock } from '../../../shared/schemas/ticket-workflow.schema';
import { describeSlaClock, formatMinutes, slaTicks } from '../../../miniapp/src/utils/sla';

const NOW = Date.parse('2026-11-23T02:00:00Z'); // 10:00 in Shanghai
const minutes = (m: number) => new Date(NOW + m * 60_000).toISOString();

function clock(over: Partial<SlaClock>): SlaClock {
  return { targetMinutes: 240, usedMinutes: 60, state: 'running', dueAt: minutes(180), warning: false, ...over };
}

describe('SLA formatter for the ticket detail', () => {
  it('says durations the way people do, never rounding a deadline up', () => {
    expect(formatMinutes(0)).toBe('不到 1 分钟');
    expect(formatMinutes(0.9)).toBe('不到 1 分钟');
    expect(formatMinutes(45.99)).toBe('45 分钟');
    expect(formatMinutes(60)).toBe('1 小时');
    expect(formatMinutes(125)).toBe('2 小时 5 分');
    expect(formatMinutes(1440)).toBe('1 天');
    expect(formatMinutes(1440 * 3 + 4 * 60 + 59)).toBe('3 天 4 小时');
    expect(formatMinutes(-5)).toBe('不到 1 分钟');
  });

  it('a running clock shows the time left and its deadline in Shanghai time', () => {
    const line = describeSlaClock('response', clock({}), NOW);
    expect(line).toEqual({ label: '响应', status: '剩余 3 小时', detail: '响应期限 2026-11-23 13:00', tone: 'normal' });
  });

  it('the server’s warning turns it orange', () => {
    expect(describeSlaClock('resolution', clock({ dueAt: minutes(25), warning: true }), NOW)).toMatchObject({
      label: '解决',
      status: '剩余 25 分钟',
      tone: 'warning',
    });
  });

  it('a running clock past its due time is overdue (red) before the server marks it', () => {
    expect(describeSlaClock('response', clock({ dueAt: minutes(-90) }), NOW)).toMatchObject({ status: '已超时 1 小时 30 分', tone: 'danger' });
    expect(describeSlaClock('response', clock({ dueAt: minutes(0) }), NOW)).toMatchObject({ status: '已超时 不到 1 分钟', tone: 'danger' });
  });

  it('a breached clock is red, with how long ago while it still runs', () => {
    expect(describeSlaClock('resolution', clock({ state: 'breached', dueAt: minutes(-30) }), NOW)).toMatchObject({ status: '已超时 30 分钟', tone: 'danger' });
    // Stopped after the breach (responded late): no due time, the time used against the target.
    expect(describeSlaClock('response', clock({ state: 'breached', dueAt: null, usedMinutes: 300 }), NOW)).toEqual({
      label: '响应',
      status: '已超时',
      detail: '已用 5 小时，目标 4 小时（工作时间）',
      tone: 'danger',
    });
  });

  it('on hold the clock is paused, not counting down', () => {
    expect(describeSlaClock('resolution', clock({ state: 'paused', dueAt: null, usedMinutes: 95 }), NOW)).toEqual({
      label: '解决',
      status: '已暂停',
      detail: '工单挂起期间不计时；已用 1 小时 35 分，目标 4 小时（工作时间）',
      tone: 'paused',
    });
  });

  it('a met clock says so, with the time it took', () => {
    expect(describeSlaClock('response', clock({ state: 'met', dueAt: null, usedMinutes: 42 }), NOW)).toMatchObject({
      status: '已按时响应',
      detail: '用时 42 分钟，目标 4 小时（工作时间）',
      tone: 'done',
    });
    expect(describeSlaClock('resolution', clock({ state: 'met', dueAt: null }), NOW).status).toBe('已按时解决');
  });

  it('a running clock without a due time falls back to business minutes left', () => {
    expect(describeSlaClock('response', clock({ dueAt: null, usedMinutes: 200 }), NOW)).toMatchObject({ status: '剩余 40 分钟', tone: 'normal' });
    expect(describeSlaClock('response', clock({ dueAt: null, usedMinutes: 240 }), NOW)).toMatchObject({ status: '已超时', tone: 'danger' });
  });

  it('accepts a Date as now', () => {
    expect(describeSlaClock('response', clock({}), new Date(NOW)).status).toBe('剩余 3 小时');
  });

  it('ticks only while a clock with a due time runs (or is overdue)', () => {
    expect(slaTicks([clock({}), clock({ state: 'met', dueAt: null })])).toBe(true);
    expect(slaTicks([clock({ state: 'paused', dueAt: null }), clock({ state: 'met', dueAt: null })])).toBe(false);
    expect(slaTicks([clock({ state: 'breached', dueAt: minutes(-5) })])).toBe(true);
  });
});
