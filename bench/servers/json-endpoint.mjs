// The bench's JSON endpoint on node:http: `?sleep=ms` delays the answer, and the server reports its
// own handling times (from request to the last byte written) on stdout when asked to stop. A request
// for /started (an engine script's setup) is announced on stdout: the engine's test begins.
import http from 'node:http';

const times = [];
const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  if (req.url === '/started') process.stdout.write(JSON.stringify({ started: true }) + '\n');
  const sleep = Number(new URL(req.url, 'http://x').searchParams.get('sleep') || 0);
  const answer = () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 11 });
    res.end('{"ok":true}');
    if (sleep) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  if (sleep) setTimeout(answer, sleep);
  else answer();
});
server.keepAliveTimeout = 120000;
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () =>
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n'),
);
process.on('SIGTERM', () => {
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ p50: times[Math.floor(times.length / 2)] ?? null, n: times.length }) + '\n');
  process.exit(0);
});
