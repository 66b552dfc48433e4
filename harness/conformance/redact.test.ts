import { describe, expect, it } from 'vitest';
import { redactBody } from './redact.ts';

describe('redactBody', () => {
  it('redacts sensitive members of JSON bodies at any depth', () => {
    const out = redactBody(JSON.stringify({ Description: 'SECRET-1', ConnectionData: { Attendee: { JoinToken: 'SECRET-2' } }, Keep: 'visible' }));
    expect(out).not.toMatch(/SECRET/);
    expect(out).toContain('visible');
  });

  it('redacts them in bodies that are not JSON too (the SDK writes one for a null ClientToken)', () => {
    const out = redactBody('{"ClientToken":,"Description":"SECRET \\" still secret","ParticipantToken" : "SECRET-3","Keep":"visible"}');
    expect(out).not.toMatch(/SECRET|still/);
    expect(out).toContain('visible');
    expect(redactBody('{"Description":"SECRET unterminated')).not.toMatch(/SECRET/);
  });
});
