// parseSettings: the emulator's defaults, the real-AWS opt-in and caps, and refusals of bad input.
import { describe, expect, it } from 'vitest';
import { quotas } from '../../../harness/contract/limits.ts';
import * as defaults from '../../../harness/contract/defaults.ts';
import { durationSeconds, parseSettings } from '../../../scenarios/lib/settings.ts';

const aws = { REAL_AWS: '1', INSTANCE_ID: 'i-1', CONTACT_FLOW_ID: 'f-1', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's' };

describe('parseSettings', () => {
  it('defaults to the emulator, its instance, flow and key', () => {
    const s = parseSettings({});
    expect(s).toMatchObject({
      targetUrl: `http://${defaults.DEFAULT_HOST}:${defaults.DEFAULT_PORT}`,
      host: `${defaults.DEFAULT_HOST}:${defaults.DEFAULT_PORT}`,
      region: defaults.DEFAULT_REGION,
      instanceId: defaults.DEFAULT_INSTANCE_ID,
      contactFlowId: defaults.DEFAULT_CONTACT_FLOW_ID,
      credentials: defaults.DEFAULT_CREDENTIALS,
      realAws: false,
      maxRate: undefined,
      stopContacts: false,
      contactLedger: false,
      testId: 'local',
      summaryDir: 'reports',
      isEmulator: true,
      rails: undefined,
    });
  });

  it('signs the Host k6 sends: default ports left out, case folded', () => {
    expect(parseSettings({ TARGET_URL: 'HTTP://Emulator:80/' }).host).toBe('emulator');
    expect(parseSettings({ TARGET_URL: 'http://emulator:4599' }).host).toBe('emulator:4599');
    expect(parseSettings({ ...aws, TARGET_URL: 'https://connect.eu-west-2.amazonaws.com:443' }).host).toBe('connect.eu-west-2.amazonaws.com');
  });

  it('refuses the real service without REAL_AWS=1, whatever the spelling of the host', () => {
    for (const url of ['https://connect.us-east-1.amazonaws.com', 'https://CONNECT.us-east-1.AMAZONAWS.com:443', 'https://connect.cn-north-1.amazonaws.com.cn']) {
      expect(() => parseSettings({ TARGET_URL: url })).toThrow(/REAL_AWS=1/);
    }
    expect(() => parseSettings({ REAL_AWS: 'true' })).toThrow(/REAL_AWS=1/);
  });

  it('against real AWS: the regional endpoint, explicit ids and keys, the documented rate cap, cleanup on', () => {
    const s = parseSettings({ ...aws, REGION: 'eu-west-2' });
    expect(s).toMatchObject({ targetUrl: 'https://connect.eu-west-2.amazonaws.com', realAws: true, isEmulator: false, maxRate: quotas.startWebRTCContact.ratePerSecond, stopContacts: true, contactLedger: true });
    expect(s.rails).toEqual({ startsPerSecond: 2, vus: 5, declared: { startsPerSecond: false, vus: false } });
    expect(parseSettings({ ...aws, MAX_RATE: '0.5' }).maxRate).toBe(0.5);
    expect(() => parseSettings({ ...aws, MAX_RATE: '3' })).toThrow(/MAX_RATE 3 is above the account's StartWebRTCContact quota of 2\/s \(the documented default; declare a raised quota with AWS_QUOTA_RPS\)/);
    // RATE above the quota is refused in setup, against the options in force (rails.ts), not here.
    expect(parseSettings({ ...aws, RATE: '3' }).rate).toBe(3);
    for (const name of ['INSTANCE_ID', 'CONTACT_FLOW_ID', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      expect(() => parseSettings({ ...aws, [name]: '' })).toThrow(new RegExp(`${name} is required`));
    }
    expect(parseSettings({ ...aws, AWS_SESSION_TOKEN: 't' }).credentials.sessionToken).toBe('t');
  });

  it('raises the rails only by declaration: AWS_QUOTA_RPS, AWS_QUOTA_BURST', () => {
    const s = parseSettings({ ...aws, AWS_QUOTA_RPS: '10', AWS_QUOTA_BURST: '12' });
    expect(s.rails).toEqual({ startsPerSecond: 10, vus: 12, declared: { startsPerSecond: true, vus: true } });
    expect(s.maxRate).toBe(10);
    expect(parseSettings({ ...aws, AWS_QUOTA_RPS: '10', MAX_RATE: '4' }).maxRate).toBe(4);
    expect(() => parseSettings({ ...aws, AWS_QUOTA_RPS: '10', MAX_RATE: '11' })).toThrow(/quota of 10\/s \(AWS_QUOTA_RPS\)/);
    expect(() => parseSettings({ ...aws, AWS_QUOTA_RPS: 'lots' })).toThrow(/AWS_QUOTA_RPS must be a positive number/);
    expect(() => parseSettings({ ...aws, AWS_QUOTA_BURST: '2.5' })).toThrow(/AWS_QUOTA_BURST must be a whole number/);
    // Not against the emulator: there is no account.
    expect(parseSettings({ AWS_QUOTA_RPS: '10' }).rails).toBeUndefined();
  });

  it('treats only 127.0.0.1, localhost and the compose service `emulator` as the emulator: anything else gets cleanup and a ledger', () => {
    for (const url of ['http://127.0.0.1:4599', 'http://localhost:4599', 'http://emulator:4599', 'http://EMULATOR']) {
      expect(parseSettings({ TARGET_URL: url })).toMatchObject({ isEmulator: true, stopContacts: false, contactLedger: false });
    }
    for (const url of ['http://connect-emulator.loadtest.svc:4599', 'http://10.0.0.7:4599', 'http://proxy.internal']) {
      expect(parseSettings({ TARGET_URL: url })).toMatchObject({ isEmulator: false, stopContacts: true, contactLedger: true });
    }
    // REAL_AWS=1 aimed at the emulator's address is treated as the real service.
    expect(parseSettings({ ...aws, TARGET_URL: 'http://127.0.0.1:4599' })).toMatchObject({ isEmulator: false, stopContacts: true, contactLedger: true });
    expect(parseSettings({ STOP_CONTACTS: '1', CONTACT_LEDGER: '1' })).toMatchObject({ stopContacts: true, contactLedger: true });
  });

  it.each([
    ['STEP_DURATION', 'soon'],
    ['STEP_DURATION', '-5s'],
    ['DURATION', 'forever'],
    ['RATE', '-5'],
    ['VUS', '1.5'],
    ['ITERATIONS', 'many'],
    ['MAX_RATE', '0'],
    ['STEPS', '10,x'],
    ['REAL_AWS', 'yes'],
    ['STOP_CONTACTS', 'maybe'],
    ['TEST_ID', 'has space'],
    ['REGION', 'EU'],
    ['TARGET_URL', 'ftp://x'],
  ])('a bad %s names the variable in its error', (name, value) => {
    expect(() => parseSettings({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('validates as k6 validates, naming the variable', () => {
    // shared-iterations: k6 refuses more VUs than iterations.
    expect(() => parseSettings({ VUS: '5', ITERATIONS: '3' })).toThrow(/VUS 5 is more than ITERATIONS 3/);
    // duration and maxDuration: at least 1s.
    expect(() => parseSettings({ DURATION: '500ms' })).toThrow(/DURATION must be at least 1s/);
    expect(() => parseSettings({ DURATION: '0s' })).toThrow(/DURATION must be at least 1s/);
    expect(() => parseSettings({ STEP_DURATION: '500ms' })).toThrow(/STEP_DURATION must be at least 1s/);
    expect(() => parseSettings({ STEP_DURATION: 'soon' })).toThrow(/STEP_DURATION must be a k6 duration/);
    // A bare number is milliseconds to k6: refused here, with the reason.
    expect(() => parseSettings({ DURATION: '30' })).toThrow(/DURATION .*bare number is milliseconds to k6/);
    // k6's `d` unit (lib/types/types.go ParseExtendedDuration) and Go's units are read.
    expect(parseSettings({ DURATION: '1d' }).duration).toBe('1d');
    expect(parseSettings({ DURATION: '1d12h', STEP_DURATION: '1m30s' })).toMatchObject({ duration: '1d12h', stepSeconds: 90 });
    expect(() => parseSettings({ DURATION: '1.5d' })).toThrow(/DURATION must be a k6 duration/);
  });

  it('refuses malformed values', () => {
    expect(() => parseSettings({ TARGET_URL: 'http://h/prefix' })).toThrow(/no path/);
    expect(() => parseSettings({ TARGET_URL: 'http://user:pw@h' })).toThrow(/credentials/);
    expect(() => parseSettings({ RATE: '0' })).toThrow(/RATE/);
    expect(() => parseSettings({ VUS: '1.5' })).toThrow(/whole/);
    expect(() => parseSettings({ TEST_ID: 'a b' })).toThrow(/TEST_ID/);
    expect(() => parseSettings({ DURATION: '5 minutes' })).toThrow(/DURATION/);
    expect(() => parseSettings({ STEPS: '10,x' })).toThrow(/STEPS/);
    expect(() => parseSettings({ STOP_CONTACTS: 'yes' })).toThrow(/STOP_CONTACTS/);
    expect(() => parseSettings({ REGION: 'moon' })).toThrow(/REGION/);
  });

  it('reads k6 durations', () => {
    expect(durationSeconds('1h30m', 'DURATION')).toBe(5400);
    expect(durationSeconds('500ms', 'DURATION')).toBe(0.5);
    expect(durationSeconds('1m0s', 'DURATION')).toBe(60);
    expect(durationSeconds('2d', 'DURATION')).toBe(172_800);
    expect(parseSettings({ STEPS: '5, 10', STEP_DURATION: '20s' })).toMatchObject({ steps: [5, 10], stepSeconds: 20 });
  });
});
