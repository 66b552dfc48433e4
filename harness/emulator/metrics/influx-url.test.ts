import { describe, expect, it } from 'vitest';
import { parseInfluxUrl } from './influx-url.ts';

describe('parseInfluxUrl', () => {
  it('takes the database from the last path segment, as k6 --out influxdb=URL does', () => {
    expect(parseInfluxUrl('http://127.0.0.1:8086/k6')).toMatchObject({ base: 'http://127.0.0.1:8086', database: 'k6', authorization: undefined });
  });

  it('keeps a reverse-proxy prefix before the database', () => {
    expect(parseInfluxUrl('https://metrics.example/influx/k6/')).toMatchObject({ base: 'https://metrics.example/influx', database: 'k6' });
  });

  it('takes ?db= over the path, with or without a slash', () => {
    expect(parseInfluxUrl('http://h:8086?db=k6')).toMatchObject({ base: 'http://h:8086', database: 'k6' });
    expect(parseInfluxUrl('http://h:8086/?db=k6')).toMatchObject({ base: 'http://h:8086', database: 'k6' });
  });

  it('turns credentials into Basic auth and never shows them', () => {
    const target = parseInfluxUrl('http://user:s3cret@h:8086/k6');
    expect(target.authorization).toBe(`Basic ${Buffer.from('user:s3cret').toString('base64')}`);
    expect(target.base).not.toContain('s3cret');
    expect(target.display).not.toContain('s3cret');
  });

  it('refuses what is not an http URL naming a database, without echoing credentials', () => {
    expect(() => parseInfluxUrl('http://127.0.0.1:8086')).toThrow(/names no database/);
    expect(() => parseInfluxUrl('udp://127.0.0.1:8089/k6')).toThrow(/http/);
    for (const text of ['not a url with pw:s3cret@', '//u:s3cret@host']) {
      expect(() => parseInfluxUrl(text)).toThrow(/is not a URL/);
      expect(() => parseInfluxUrl(text)).not.toThrow(/s3cret/);
    }
  });
});
