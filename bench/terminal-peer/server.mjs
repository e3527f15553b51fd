// The anchor peer of bench/terminal.sh: the usual Node.js web-terminal server (node-pty + ws, as in
// xterm.js's demo and wetty), speaking the same ttyd framing as HoodyKit's /api/v1/terminal/ws so that
// one client measures both. One PTY per connection, `sh -l` with HoodyKit's environment, raw bytes
// (node-pty `encoding: null`), and ttyd-style flow control: the PTY is paused while more than 1 MB waits
// in the socket, so a slow reader holds up the shell instead of growing the server's memory.
//   node server.mjs PORT
import http from 'node:http';
import os from 'node:os';
import pty from 'node-pty';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 7701);
const HIGH = 1024 * 1024;
const LOW = 256 * 1024;
const OUTPUT = Buffer.from('0');

const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
  res.end(req.url === '/health' ? 'ok\n' : 'not found\n');
});
const wss = new WebSocketServer({
  server,
  path: '/api/v1/terminal/ws',
  perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('tty') ? 'tty' : false),
});

wss.on('connection', (ws) => {
  const shell = '/bin/sh';
  const term = pty.spawn(shell, ['-l'], {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    cwd: os.homedir(),
    encoding: null,
    env: {
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      LANG: process.env.LANG || 'C.UTF-8',
      HOME: os.homedir(),
      USER: os.userInfo().username,
      LOGNAME: os.userInfo().username,
      SHELL: shell,
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    },
  });
  let paused = false;
  const sent = () => {
    if (paused && ws.bufferedAmount < LOW) {
      paused = false;
      term.resume();
    }
  };
  term.onData((data) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.concat([OUTPUT, data]), { binary: true }, sent);
    if (!paused && ws.bufferedAmount > HIGH) {
      paused = true;
      term.pause();
    }
  });
  term.onExit(() => ws.close(1000, 'session ended'));
  ws.on('message', (message) => {
    const data = Buffer.isBuffer(message) ? message : Buffer.concat(message);
    if (data.length === 0) return;
    switch (data[0]) {
      case 0x30: // '0' input
        term.write(data.subarray(1));
        break;
      case 0x31: // '1' resize
      case 0x7b: // '{' JSON_DATA (the first frame)
        try {
          const size = JSON.parse(data.subarray(data[0] === 0x31 ? 1 : 0).toString());
          if (Number.isInteger(size.columns) && Number.isInteger(size.rows)) term.resize(size.columns, size.rows);
        } catch {
          // a malformed size is ignored, as ttyd does
        }
        break;
    }
  });
  ws.on('close', () => term.kill('SIGHUP'));
});

server.listen(port, '127.0.0.1');
