// The client of bench/terminal.sh: one client for both servers (ttyd framing: the first frame is JSON_DATA
// with the size, input is '0'+data, output is '0'+data; other server opcodes are ignored). Prints one JSON line.
//   node client.mjs echo URL [samples] [warmup] [gap_ms]
//     Types `stty raw -echo; exec cat` into the shell, then sends single keystrokes one at a time and times
//     each until cat's echo of it comes back (program echo, as under readline or vim, not the line
//     discipline's). Result: round trips in µs (p50, p99, max, mean).
//   node client.mjs throughput URL FILE SERVER_PID
//     Types `cat FILE; printf …` and counts output bytes until the sentinel the printf makes (the typed command
//     holds it only split in two). Result: bytes, seconds, MB/s (MB = 2^20 bytes), the server's CPU time
//     (utime + stime from /proc/PID/stat) over the run, its peak RSS (VmHWM after clear_refs, and the
//     largest VmRSS sampled every 20 ms), how many terminal resets (ESC c: a resync replay) arrived, how many
//     WebSocket messages carried the output, and this client's own CPU time per MB.
import fs from 'node:fs';
import { WebSocket } from 'ws';

const [mode, url, ...rest] = process.argv.slice(2);
const OUTPUT = 0x30;
const enc = (s) => Buffer.from(s);
const input = (s) => Buffer.concat([enc('0'), Buffer.isBuffer(s) ? s : enc(s)]);

function connect() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'tty', { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('open', () => {
      ws.send(enc(JSON.stringify({ columns: 80, rows: 24 })));
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

// Output payloads ('0' frames) go to `sink`; resolves the returned promise when `pattern` has been seen.
function until(ws, pattern, sink) {
  const needle = enc(pattern);
  let carry = Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const onMessage = (data) => {
      if (data.length === 0 || data[0] !== OUTPUT) return;
      const payload = data.subarray(1);
      sink?.(payload);
      const seam = carry.length ? Buffer.concat([carry, payload.subarray(0, needle.length - 1)]) : null;
      if (payload.indexOf(needle) >= 0 || (seam && seam.indexOf(needle) >= 0)) {
        ws.off('message', onMessage);
        resolve(process.hrtime.bigint());
        return;
      }
      carry = Buffer.from(payload.subarray(Math.max(0, payload.length - needle.length + 1)));
    };
    ws.on('message', onMessage);
    ws.once('close', () => reject(new Error(`socket closed before '${pattern}'`)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function echo(samples, warmup, gapMs) {
  const ws = await connect();
  await sleep(300); // the login shell's prompt
  const ready = until(ws, 'BENCH_READY');
  ws.send(input("stty raw -echo; printf '%s_%s\\n' BENCH READY; exec cat\r"));
  await ready;
  await sleep(100);
  const keys = 'abcdefghijklmnopqrstuvwxyz';
  const rtts = [];
  let waiting = null;
  ws.on('message', (data) => {
    if (!waiting || data.length < 2 || data[0] !== OUTPUT) return;
    if (data.indexOf(waiting.key, 1) >= 0) {
      const w = waiting;
      waiting = null;
      w.resolve(process.hrtime.bigint());
    }
  });
  for (let i = 0; i < warmup + samples; i++) {
    const key = keys.charCodeAt(i % keys.length);
    const got = new Promise((resolve) => { waiting = { key, resolve }; });
    const t0 = process.hrtime.bigint();
    ws.send(input(Buffer.from([key])));
    const t1 = await got;
    if (i >= warmup) rtts.push(Number(t1 - t0) / 1000);
    if (gapMs > 0) await sleep(gapMs);
  }
  ws.close();
  rtts.sort((a, b) => a - b);
  return {
    samples: rtts.length,
    p50_us: pct(rtts, 50),
    p99_us: pct(rtts, 99),
    max_us: rtts[rtts.length - 1],
    mean_us: rtts.reduce((a, b) => a + b, 0) / rtts.length,
    rtts_us: rtts,
  };
}

const ticks = Number(process.env.CLK_TCK || 100);
function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks; // utime, stime (fields 14, 15)
}
const statusKb = (pid, key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

async function throughput(file, pid) {
  const ws = await connect();
  await sleep(300);
  // quiet shell: no echo of the next command line, so every byte counted comes from cat or the sentinel
  const quiet = until(ws, 'BENCH_QUIET');
  ws.send(input("stty -echo; printf '%s_%s\\n' BENCH QUIET\r"));
  await quiet;
  await sleep(200);
  let hwmReset = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  let rssMax = statusKb(pid, 'VmRSS');
  const sampler = setInterval(() => { rssMax = Math.max(rssMax, statusKb(pid, 'VmRSS')); }, 20);
  let bytes = 0;
  let messages = 0;
  let resets = 0;
  let first = 0n;
  const done = until(ws, 'BENCH_DONE', (payload) => {
    if (!first) first = process.hrtime.bigint();
    bytes += payload.length;
    messages++;
    for (let i = payload.indexOf(0x1b); i >= 0; i = payload.indexOf(0x1b, i + 1)) if (payload[i + 1] === 0x63) resets++;
  });
  const cpu0 = cpuMs(pid);
  const own0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  ws.send(input(`cat ${file}; printf '%s_%s\\n' BENCH DONE\r`));
  const t1 = await done;
  const cpu1 = cpuMs(pid);
  const own = process.cpuUsage(own0);
  clearInterval(sampler);
  rssMax = Math.max(rssMax, statusKb(pid, 'VmRSS'));
  const hwm = statusKb(pid, 'VmHWM');
  ws.close();
  const seconds = Number(t1 - t0) / 1e9;
  const mb = bytes / 1048576;
  return {
    bytes,
    seconds,
    first_byte_ms: Number(first - t0) / 1e6,
    mb_per_s: mb / seconds,
    cpu_ms: cpu1 - cpu0,
    cpu_ms_per_mb: (cpu1 - cpu0) / mb,
    peak_rss_kb: hwmReset ? Math.max(hwm, rssMax) : rssMax,
    hwm_reset: hwmReset,
    resets,
    messages,
    client_cpu_ms_per_mb: (own.user + own.system) / 1000 / mb,
  };
}

let result;
if (mode === 'echo') result = await echo(Number(rest[0] ?? 3000), Number(rest[1] ?? 300), Number(rest[2] ?? 2));
else if (mode === 'throughput') result = await throughput(rest[0], rest[1]);
else {
  console.error('usage: client.mjs echo URL [samples] [warmup] [gap_ms] | throughput URL FILE SERVER_PID');
  process.exit(2);
}
console.log(JSON.stringify(result));
process.exit(0);
