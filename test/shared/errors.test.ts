import { ERROR_CODES, isErrorCode } from '../../shared/errors';
import { PERMISSIONS } from '../../shared/permissions';

describe('shared vocabularies', () => {
  it('recognises exactly the listed error codes', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
    expect(isErrorCode('validation_failed')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('lists each error code and permission once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });
});
