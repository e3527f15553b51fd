// The terminal page: xterm.js on the session's WebSocket (ttyd's protocol plus HoodyKit's
// SESSION_RESIZE), fitted to the window, reconnecting when the socket drops.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { DEFAULT_BACKGROUND, DEFAULT_FONT_SIZE, DEFAULT_TITLE, readConfig } from './config.js';
import { isTranslucent, toHex } from './colors.js';
import { Connection } from './connection.js';
import { FlowControl } from './flow.js';
import { StatusView } from './overlay.js';
import { ClientOp, ServerOp, binaryInput, frame, jsonData, parseSize, resize, text } from './protocol.js';
import { applyPreferences } from './preferences.js';
import { setupPanel } from './panel.js';

const config = readConfig(window.location, document.body);
const status = new StatusView(document);
const background = toHex(config.background ?? DEFAULT_BACKGROUND);
document.body.style.setProperty('--terminal-background', background);
document.getElementById('toolbar-readonly').hidden = !config.readonly;
if (config.terminalId) status.terminalId(config.terminalId);

const terminal = new Terminal({
  fontSize: config.fontSize ?? DEFAULT_FONT_SIZE,
  fontFamily: 'Menlo, "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace',
  theme: { background },
  allowTransparency: isTranslucent(background),
  disableStdin: config.readonly,
  cursorBlink: !config.readonly,
  scrollback: 5000,
});
const fit = new FitAddon();
terminal.loadAddon(fit);
terminal.open(document.getElementById('terminal'));

let applyingSessionSize = false;
let adoptedSessionSize = false; // a read-only viewer keeps the session's size once it knows it
let ended = false;

const connection = new Connection((first) => config.socketUrl(first && config.reset), {
  onOpen: () => {
    ended = false;
    flow.reset();
    status.connected();
    fitToWindow();
    connection.send(jsonData(terminal.cols, terminal.rows, config.token));
  },
  onMessage: receive,
  onRetry: (delay, attempt) => status.reconnecting(delay, attempt),
  onEnded: () => {
    ended = true;
    status.ended();
  },
  onRefused: () => status.refused(),
});
const flow = new FlowControl(terminal, (opcode) => connection.send(frame(opcode, '')));

function receive(bytes) {
  if (bytes.length === 0) return;
  const payload = bytes.subarray(1);
  switch (bytes[0]) {
    case ServerOp.output:
      flow.write(payload);
      break;
    case ServerOp.title:
      if (!config.title) showTitle(text(payload) || DEFAULT_TITLE);
      break;
    case ServerOp.preferences:
      if (applyPreferences(terminal, text(payload), config)) fitToWindow();
      break;
    case ServerOp.terminalId:
      status.terminalId(text(payload));
      break;
    case ServerOp.sessionResize: {
      const size = parseSize(payload);
      if (size) adoptSessionSize(size);
      break;
    }
    default:
      break; // shell type and unknown frames: nothing to show
  }
}

function showTitle(title) {
  document.title = title;
  document.getElementById('toolbar-title').textContent = title;
}

/** Another client resized the shared PTY: render the same columns and rows, without echoing a resize. */
function adoptSessionSize(size) {
  adoptedSessionSize = config.readonly;
  applyingSessionSize = true;
  try {
    terminal.resize(size.columns, size.rows);
  } finally {
    applyingSessionSize = false;
  }
}

function fitToWindow() {
  if (!adoptedSessionSize) fit.fit();
}

let fitQueued = false;
function queueFit() {
  if (fitQueued) return;
  fitQueued = true;
  requestAnimationFrame(() => {
    fitQueued = false;
    fitToWindow();
  });
}

terminal.onResize(({ cols, rows }) => {
  if (!applyingSessionSize && !config.readonly) connection.send(resize(cols, rows));
});
terminal.onData((data) => {
  if (!config.readonly) connection.send(frame(ClientOp.input, data));
});
terminal.onBinary((data) => {
  if (!config.readonly) connection.send(binaryInput(data));
});
window.addEventListener('resize', queueFit);
new ResizeObserver(queueFit).observe(document.getElementById('terminal'));
document.addEventListener('keydown', (event) => {
  if (ended && event.key === 'Enter') {
    ended = false;
    status.show('Starting the session again…');
    connection.connect();
  }
});

if (config.welcome) {
  const hide = status.welcome(config.terminalId ?? '');
  const disposable = terminal.onKey(() => {
    hide();
    disposable.dispose();
  });
}

setupPanel(document, config.panel, queueFit);
fitToWindow();
terminal.focus();
connection.connect();
