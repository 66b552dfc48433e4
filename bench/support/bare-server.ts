// The baseline every emulator figure is compared with: a bare node:http server that reads the body
// and answers a fixed 200 JSON. Run as its own process, like the emulator, so both get a core.
import { createServer } from 'node:http';

const body = JSON.stringify({ ContactId: '00000000-0000-4000-8000-000000000000' });
const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`bare server listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
