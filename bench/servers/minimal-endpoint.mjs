// The cheapest HTTP/1.1 endpoint Node can serve: every request head gets one fixed keep-alive answer,
// written as soon as the head is complete, with no framework between socket and answer. It costs less
// per request than either client, so a client measured against it is what sets the rate. It serves
// only the bench's own bodiless GETs: a head ends at its blank line. On stop it reports its count.
import net from 'node:net';

const ANSWER = Buffer.from(
  'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}',
);
const HEAD_END = '\r\n\r\n';
let answered = 0;

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  // The part of a head that has arrived without its end yet.
  let pending = '';
  socket.on('data', (chunk) => {
    const text = pending + chunk.toString('latin1');
    let from = 0;
    let heads = 0;
    for (let end = text.indexOf(HEAD_END); end !== -1; end = text.indexOf(HEAD_END, from)) {
      from = end + HEAD_END.length;
      heads++;
    }
    pending = text.slice(from);
    if (heads === 0) return;
    answered += heads;
    socket.write(heads === 1 ? ANSWER : Buffer.concat(Array(heads).fill(ANSWER)));
  });
  socket.on('error', () => socket.destroy());
});
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () =>
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'),
);
process.on('SIGTERM', () => {
  process.stdout.write(JSON.stringify({ p50: null, n: answered }) + '\n');
  process.exit(0);
});
