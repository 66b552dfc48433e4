// Answers of one turn end together after it, in order; one that cannot be ended strands no other.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { endSoon } from './end-soon.ts';

function fakeResponse(log: string[], name: string, options: { destroyed?: boolean; throws?: boolean } = {}) {
  return {
    destroyed: options.destroyed ?? false,
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
    endSoon(fakeResponse(log, 'a'), '1');
    endSoon(fakeResponse(log, 'b', { destroyed: true }), '2');
    endSoon(fakeResponse(log, 'c', { throws: true }), '3');
    endSoon(fakeResponse(log, 'd'), '4');
    expect(log).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['a:1', 'c:destroyed', 'd:4']);
    // The next turn starts a new batch.
    endSoon(fakeResponse(log, 'e'), '5');
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.at(-1)).toBe('e:5');
  });
});
