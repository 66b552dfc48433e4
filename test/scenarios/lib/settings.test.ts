// parseSettings: the emulator's defaults, the real-AWS opt-in and caps, and refusals of bad input.
import { describe, expect, it } from 'vitest';
import { quotas } from '../../../harness/contract/limits.ts';
import * as defaults from '../../../harness/emulator/defaults.ts';
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
      summaryDir: '.',
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
    expect(s).toMatchObject({ targetUrl: 'https://connect.eu-west-2.amazonaws.com', realAws: true, maxRate: quotas.startWebRTCContact.ratePerSecond, stopContacts: true, contactLedger: true });
    expect(parseSettings({ ...aws, MAX_RATE: '0.5' }).maxRate).toBe(0.5);
    expect(() => parseSettings({ ...aws, MAX_RATE: '3' })).toThrow(/documented/);
    expect(() => parseSettings({ ...aws, RATE: '3' })).toThrow(/RATE 3 is above/);
    for (const name of ['INSTANCE_ID', 'CONTACT_FLOW_ID', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
      expect(() => parseSettings({ ...aws, [name]: '' })).toThrow(new RegExp(`${name} is required`));
    }
    expect(parseSettings({ ...aws, AWS_SESSION_TOKEN: 't' }).credentials.sessionToken).toBe('t');
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
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('500ms')).toBe(0.5);
    expect(parseSettings({ STEPS: '5, 10', STEP_DURATION: '20s' })).toMatchObject({ steps: [5, 10], stepSeconds: 20 });
  });
});
