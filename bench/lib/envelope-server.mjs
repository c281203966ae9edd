// A deliberately cheap HTTP server for the client benchmarks: every request, whatever it is, gets the
// same fixed envelope. No signature check and no parsing, so its cost is identical for every client.
// Plain JavaScript, run in its own process so that its CPU time does not mix with the client's.
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BENCH_ENVELOPE ?? '{}');
const headers = { 'Content-Type': 'application/json', 'Content-Length': String(body.length) };

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, headers);
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
// Sockets clients opened (measures/9-socket-cap.ts asks over IPC): in all, and most open at one time.
let opened = 0;
let open = 0;
let mostOpen = 0;
server.on('connection', (socket) => {
  opened++;
  mostOpen = Math.max(mostOpen, ++open);
  socket.on('close', () => open--);
});
process.on('message', (message) => {
  if (message === 'sockets') process.send?.({ sockets: { opened, open, mostOpen } });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
