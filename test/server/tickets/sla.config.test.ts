import { ConfigError, parseEnv } from '../../../server/src/config/env';
import { slaSettings } from '../../../server/src/modules/tickets/sla.settings';

function problemsOf(source: Record<string, string>): { setting: string; message: string }[] {
  try {
    parseEnv(source);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the environment to be refused');
}

describe('SLA settings from the environment', () => {
  it('default to standard 4 h / 72 h, premium 2 h / 48 h, 08:30–17:30 Monday to Friday in Shanghai, warning at 80 %', () => {
    expect(slaSettings(parseEnv({}))).toEqual({
      targets: { standard: { responseMinutes: 240, resolutionMinutes: 4320 }, premium: { responseMinutes: 120, resolutionMinutes: 2880 } },
      calendar: { hours: { startMinute: 510, endMinute: 1050 }, days: [1, 2, 3, 4, 5], utcOffsetMinutes: 480 },
      warnPercent: 80,
    });
  });

  it('take what is configured', () => {
    const s = slaSettings(parseEnv({ SLA_TARGETS: 'premium=1/24', SLA_BUSINESS_HOURS: '09:00-18:00', SLA_BUSINESS_DAYS: '1-6', SLA_WARN_PERCENT: '75' }));
    expect(s.targets.premium).toEqual({ responseMinutes: 60, resolutionMinutes: 1440 });
    expect(s.targets.standard).toEqual({ responseMinutes: 240, resolutionMinutes: 4320 });
    expect(s.calendar).toMatchObject({ hours: { startMinute: 540, endMinute: 1080 }, days: [1, 2, 3, 4, 5, 6] });
    expect(s.warnPercent).toBe(75);
  });

  it('refuse to start on bad values, naming each setting and what is wrong', () => {
    const problems = problemsOf({ SLA_TARGETS: 'gold=1/2', SLA_BUSINESS_HOURS: '18:00-08:00', SLA_BUSINESS_DAYS: '0-5', SLA_WARN_PERCENT: '100' });
    expect(problems).toEqual([
      { setting: 'SLA_TARGETS', message: 'unknown tier "gold"; tiers are standard, premium' },
      { setting: 'SLA_BUSINESS_HOURS', message: 'must end after it starts on the same day (spans past midnight are not supported)' },
      { setting: 'SLA_BUSINESS_DAYS', message: '"0-5" is not an ISO weekday (1 = Monday … 7 = Sunday) or a range like 1-5' },
      { setting: 'SLA_WARN_PERCENT', message: 'must be 1–99 (percent of the target)' },
    ]);
  });
});
