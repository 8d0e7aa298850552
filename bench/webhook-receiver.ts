/**
 * A webhook endpoint for the benchmarks, in a process of its own as a user's endpoint would be: answers 204 to
 * every POST and remembers when each record's delivery arrived (epoch ms). `GET /stats` returns
 * `{ received, arrivals: { [recordId]: ms } }` (arrivals only with `--arrivals`). Prints `{"port": N}` once
 * listening. Run by bench-plinth.ts: node --import tsx bench/webhook-receiver.ts [--arrivals]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const keepArrivals = process.argv.includes('--arrivals');
let received = 0;
const arrivals: Record<string, number> = {};

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received, arrivals }));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    received++;
    if (keepArrivals) {
      const at = performance.timeOrigin + performance.now();
      const id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { record: { id: string } } }).data.record.id;
      arrivals[id] ??= at;
    }
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: (server.address() as AddressInfo).port }) + '\n'));
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
