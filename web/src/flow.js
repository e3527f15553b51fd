import { ClientOp } from './protocol.js';

// Flow control with xterm's write callbacks: when more than HIGH bytes are waiting to be parsed the
// server is asked to PAUSE this client, and to RESUME once the backlog is under LOW again. The PTY
// never waits for us: the server keeps a bounded queue per client and resyncs it on overflow.

const HIGH = 256 * 1024;
const LOW = 32 * 1024;

export class FlowControl {
  constructor(terminal, send) {
    this.terminal = terminal;
    this.send = send; // (opcode) => void, a one-byte message
    this.pending = 0;
    this.paused = false;
  }

  write(bytes) {
    this.pending += bytes.length;
    this.terminal.write(bytes, () => {
      this.pending -= bytes.length;
      if (this.paused && this.pending < LOW) {
        this.paused = false;
        this.send(ClientOp.resume);
      }
    });
    if (!this.paused && this.pending > HIGH) {
      this.paused = true;
      this.send(ClientOp.pause);
    }
  }

  /** A new socket starts unpaused; the old socket's backlog still drains into the terminal. */
  reset() {
    this.paused = false;
  }
}
