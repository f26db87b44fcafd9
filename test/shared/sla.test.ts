import {
  DEFAULT_BUSINESS_DAYS,
  DEFAULT_BUSINESS_DAYS_TEXT,
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_BUSINESS_HOURS_TEXT,
  DEFAULT_SLA_TARGETS,
  DEFAULT_SLA_TARGETS_TEXT,
  formatMinutesZh,
  parseBusinessDays,
  parseBusinessHours,
  parseSlaTargets,
} from '../../shared/sla';

const failure = (parsed: { ok: boolean; message?: string }) => (parsed.ok ? 'parsed' : parsed.message);

describe('SLA settings', () => {
  it('defaults: standard 4 h / 72 h, premium 2 h / 48 h, 08:30–17:30 Monday to Friday, and the texts say the same', () => {
    expect(DEFAULT_SLA_TARGETS).toEqual({ standard: { responseMinutes: 240, resolutionMinutes: 4320 }, premium: { responseMinutes: 120, resolutionMinutes: 2880 } });
    expect(parseSlaTargets(DEFAULT_SLA_TARGETS_TEXT)).toEqual({ ok: true, value: DEFAULT_SLA_TARGETS });
    expect(parseBusinessHours(DEFAULT_BUSINESS_HOURS_TEXT)).toEqual({ ok: true, value: DEFAULT_BUSINESS_HOURS });
    expect(DEFAULT_BUSINESS_HOURS).toEqual({ startMinute: 510, endMinute: 1050 });
    expect(parseBusinessDays(DEFAULT_BUSINESS_DAYS_TEXT)).toEqual({ ok: true, value: DEFAULT_BUSINESS_DAYS });
  });

  it('reads targets in hours, decimals allowed; a tier left out keeps its default', () => {
    expect(parseSlaTargets('premium=0.5/24')).toEqual({ ok: true, value: { standard: DEFAULT_SLA_TARGETS.standard, premium: { responseMinutes: 30, resolutionMinutes: 1440 } } });
    expect(parseSlaTargets(' standard = 8/96 , premium=4/72 ')).toEqual({
      ok: true,
      value: { standard: { responseMinutes: 480, resolutionMinutes: 5760 }, premium: { responseMinutes: 240, resolutionMinutes: 4320 } },
    });
  });

  it('refuses bad targets and says why', () => {
    expect(failure(parseSlaTargets('gold=1/2'))).toBe('unknown tier "gold"; tiers are standard, premium');
    expect(failure(parseSlaTargets('standard=4'))).toContain('tier=response/resolution');
    expect(failure(parseSlaTargets('standard=4/72,standard=2/48'))).toContain('given twice');
    expect(failure(parseSlaTargets('standard=-1/72'))).toContain('positive numbers');
    expect(failure(parseSlaTargets('standard=four/72'))).toContain('positive numbers');
    expect(failure(parseSlaTargets('standard=0/72'))).toContain('at least one minute');
    expect(failure(parseSlaTargets('standard=80/72'))).toContain('cannot be longer');
    expect(failure(parseSlaTargets(' , '))).toContain('at least one tier');
  });

  it('reads business hours and refuses spans that are malformed, inverted or cross midnight', () => {
    expect(parseBusinessHours('9:00-18:00')).toEqual({ ok: true, value: { startMinute: 540, endMinute: 1080 } });
    expect(parseBusinessHours('00:00-24:00')).toEqual({ ok: true, value: { startMinute: 0, endMinute: 1440 } });
    expect(failure(parseBusinessHours('8.30-17.30'))).toContain('HH:MM-HH:MM');
    expect(failure(parseBusinessHours('08:30-17:61'))).toContain('not a valid time span');
    expect(failure(parseBusinessHours('24:30-24:45'))).toContain('not a valid time span');
    expect(failure(parseBusinessHours('17:30-08:30'))).toContain('past midnight');
    expect(failure(parseBusinessHours('08:30-08:30'))).toContain('must end after it starts');
  });

  it('reads working days as ISO weekdays, ranges and lists', () => {
    expect(parseBusinessDays('1-6')).toEqual({ ok: true, value: [1, 2, 3, 4, 5, 6] });
    expect(parseBusinessDays('7, 1-3,3')).toEqual({ ok: true, value: [1, 2, 3, 7] });
    expect(failure(parseBusinessDays('0-5'))).toContain('ISO weekday');
    expect(failure(parseBusinessDays('mon-fri'))).toContain('ISO weekday');
    expect(failure(parseBusinessDays('5-1'))).toContain('smaller day');
    expect(failure(parseBusinessDays(''))).toContain('at least one weekday');
  });

  it('says spans of business time in Chinese', () => {
    expect(formatMinutesZh(45)).toBe('45 分钟');
    expect(formatMinutesZh(60)).toBe('1 小时');
    expect(formatMinutesZh(125)).toBe('2 小时 5 分钟');
    expect(formatMinutesZh(-3)).toBe('0 分钟');
  });
});
