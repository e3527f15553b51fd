// One WebSocket at a time to the terminal session, reconnected with backoff when it drops.
// Close codes: 1000 = the session ended (the shell exited or was deleted): wait for the user;
// 1008 = the token was refused: stop; anything else (network, restart, proxy timeout): reconnect.

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const MAX_BACKOFF_MS = 10000;

export class Connection {
  /**
   * @param {(first: boolean) => string} url the socket URL; `first` is true for the page's first connection
   * @param {object} handlers onOpen(socket), onMessage(bytes), onRetry(delayMs, attempt), onEnded(), onRefused()
   */
  constructor(url, handlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = null;
    this.attempt = 0;
    this.opened = false;
    this.timer = null;
  }

  get isOpen() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  connect() {
    clearTimeout(this.timer);
    this.timer = null;
    const socket = new WebSocket(this.url(!this.opened), ['tty']);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      this.opened = true;
      this.attempt = 0;
      this.handlers.onOpen(socket);
    };
    socket.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) this.handlers.onMessage(new Uint8Array(event.data));
      else this.handlers.onMessage(new TextEncoder().encode(event.data));
    };
    socket.onclose = (event) => this.closed(socket, event.code);
    this.socket = socket;
  }

  send(message) {
    if (this.isOpen) this.socket.send(message);
  }

  closed(socket, code) {
    if (socket !== this.socket) return;
    this.socket = null;
    if (code === 1000) {
      this.handlers.onEnded();
    } else if (code === 1008) {
      this.handlers.onRefused();
    } else {
      const delay = Math.min(BACKOFF_MS[this.attempt] ?? MAX_BACKOFF_MS, MAX_BACKOFF_MS);
      this.attempt++;
      this.handlers.onRetry(delay, this.attempt);
      this.timer = setTimeout(() => this.connect(), delay);
    }
  }
}
