// Answers of one turn are written and ended together after it, in order; one that cannot be ended
// strands no other.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { endSoon, isAnswered } from './end-soon.ts';

function fakeResponse(log: string[], name: string, options: { destroyed?: boolean; throws?: boolean } = {}) {
  return {
    destroyed: options.destroyed ?? false,
    headersSent: false,
    writeHead(status: number) {
      log.push(`${name}:${status}`);
    },
    end(body: string) {
      if (options.throws) throw new Error('socket gone');
      log.push(`${name}:${body}`);
    },
    destroy() {
      log.push(`${name}:destroyed`);
    },
  } as unknown as ServerResponse;
}

describe('endSoon', () => {
  it('ends nothing during the turn, then every answer of the turn in order', async () => {
    const log: string[] = [];
    const a = fakeResponse(log, 'a');
    endSoon(a, 200, {}, '1');
    endSoon(fakeResponse(log, 'b', { destroyed: true }), 200, {}, '2');
    endSoon(fakeResponse(log, 'c', { throws: true }), 400, {}, '3');
    endSoon(fakeResponse(log, 'd'), 404, {}, '4');
    expect(log).toEqual([]);
    // Answered already, though nothing is written until the end of the turn.
    expect(isAnswered(a)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a:200', 'a:1', 'c:400', 'c:destroyed', 'd:404', 'd:4']);
    // The next turn starts a new batch.
    endSoon(fakeResponse(log, 'e'), 200, {}, '5');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.at(-1)).toBe('e:5');
  });
});
