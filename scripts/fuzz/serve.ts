// The emulator the fuzz sends to, in its own process (in one process client and server share an
// event loop, which hides races a real client meets): SigV4 on with the default key, quotas off so
// that requests reach the deeper layers, and short header and request timeouts so that slow clients
// cost seconds, not minutes. Prints "listening PORT"; stops gracefully on SIGTERM.
import { startEmulator } from '../../harness/emulator/server.ts';

const emulator = await startEmulator({ host: '127.0.0.1', port: 0, quotas: { preset: 'unlimited' }, headersTimeoutMs: 1000, requestTimeoutMs: 3000 });
process.stdout.write(`listening ${emulator.port}\n`);
process.once('SIGTERM', () => {
  void emulator.close().then(() => process.stdout.write('stopped\n'));
});
