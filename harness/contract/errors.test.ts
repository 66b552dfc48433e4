// The error catalogue: statuses and faults as the AWS SDKs read them.
import { describe, expect, test } from 'vitest';
import { errorCatalogue, isErrorName, startWebRTCContactErrors } from './errors.ts';

describe('errorCatalogue', () => {
  for (const [name, definition] of Object.entries(errorCatalogue)) {
    test(`${name}: an error status whose fault matches its class`, () => {
      expect(definition.status).toBeGreaterThanOrEqual(400);
      expect(definition.status).toBeLessThanOrEqual(599);
      expect(definition.fault).toBe(definition.status >= 500 ? 'server' : 'client');
      expect(name).toMatch(/Exception$/);
    });
  }

  test('the modeled errors of StartWebRTCContact are catalogued as modeled', () => {
    for (const name of startWebRTCContactErrors) expect(errorCatalogue[name].source).toBe('modeled');
  });

  test('isErrorName knows own names only', () => {
    expect(isErrorName('InvalidParameterException')).toBe(true);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'invalidparameterexception']) {
      expect(isErrorName(name), name).toBe(false);
    }
  });
});
