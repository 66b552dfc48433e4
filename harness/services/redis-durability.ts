// How every Redis this project starts keeps ClientTokens: in an append-only file, flushed to disk
// once a second. Without it a Redis restart forgets every remembered token, and a client's retry of
// an acknowledged start then gets a second contact, which is the very thing idempotency prevents.
// Redis writes a command to the file before it answers it, so a killed redis-server loses nothing
// acknowledged; only a crash of the whole machine can lose the last second (docs/compose.md).
// docker-compose.yml repeats these flags (a test keeps the two in step).

/** redis-server arguments: AOF on, fsync every second, no RDB snapshots (the AOF is the record). */
export const redisDurabilityArgs: readonly string[] = ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''];
