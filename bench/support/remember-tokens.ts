// Child process for the memory benchmark: remembers N ClientTokens in the memory store, the way the
// emulator does for N successful starts (tokens flat, as JSON.parse gives them), and prints RSS
// before and after (with a forced GC).
import { flatUuid } from '../../harness/emulator/flat-uuid.ts';
import { MemoryIdempotencyStore } from '../../harness/emulator/state/memory-idempotency-store.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
const rss = () => {
  gc?.();
  return process.memoryUsage().rss;
};

const store = new MemoryIdempotencyStore(2_000_000);
const before = rss();
const scope = '123456789012/us-east-1/11111111-2222-4333-8444-555555555555';
const now = Date.now();
for (let i = 0; i < count; i++) {
  const token = flatUuid();
  if (!store.immediate.recall(scope, token, now + i)) store.immediate.remember(scope, token, { contactId: flatUuid(), createdAt: now + i, fingerprint: '' }, now + i);
}
const after = rss();
process.stdout.write(`${JSON.stringify({ count, before, after, size: await store.size() })}\n`);
