// The answers owed, kept per connection for speed (connections.ts says why), against the plain
// model: one Set of every response handed over and not yet closed. Random connects, requests,
// answers and disconnects, in any order Node can produce them.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { ConnectionTracker } from './connections.ts';

type Step =
  | { readonly kind: 'connect' }
  | { readonly kind: 'request'; readonly socket: number }
  | { readonly kind: 'answer'; readonly response: number }
  | { readonly kind: 'disconnect'; readonly socket: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'connect' as const }),
  fc.record({ kind: fc.constant('request' as const), socket: fc.nat(7) }),
  fc.record({ kind: fc.constant('answer' as const), response: fc.nat(40) }),
  fc.record({ kind: fc.constant('disconnect' as const), socket: fc.nat(7) }),
);

it.prop([fc.array(step, { maxLength: 120 })])('owed answers match a plain Set of responses not yet closed', (steps) => {
  const tracker = new ConnectionTracker();
  const sockets: { socket: Socket; open: boolean }[] = [];
  const responses: { res: ServerResponse; socket: number; closed: boolean }[] = [];
  const model = new Set<ServerResponse>();
  let answered = 0;
  tracker.onAnswered = () => answered++;
  const close = (r: (typeof responses)[number]) => {
    if (r.closed) return;
    r.closed = true;
    model.delete(r.res);
    r.res.emit('close');
  };
  for (const s of steps) {
    if (s.kind === 'connect') {
      const socket = new EventEmitter() as unknown as Socket;
      sockets.push({ socket, open: true });
      tracker.connection(socket);
    } else if (s.kind === 'request') {
      const at = sockets[s.socket];
      if (!at?.open) continue;
      const res = new EventEmitter() as unknown as ServerResponse;
      responses.push({ res, socket: s.socket, closed: false });
      model.add(res);
      tracker.request({ socket: at.socket } as IncomingMessage, res);
    } else if (s.kind === 'answer') {
      const r = responses[s.response];
      if (r) close(r);
    } else {
      const at = sockets[s.socket];
      if (!at?.open) continue;
      // As Node does: the connection closes, then every response still open on it.
      at.open = false;
      at.socket.emit('close');
      for (const r of responses) if (r.socket === s.socket) close(r);
    }
    expect(tracker.owedAnswers).toBe(model.size);
    expect(new Set(tracker.owed())).toEqual(model);
    expect(tracker.size).toBe(sockets.filter((x) => x.open).length);
    for (const [i, at] of sockets.entries()) {
      // Oldest first on each connection.
      expect(tracker.owedOn(at.socket)).toEqual(at.open ? responses.filter((r) => r.socket === i && !r.closed).map((r) => r.res) : []);
    }
  }
  expect(answered).toBe(responses.filter((r) => r.closed).length);
});
