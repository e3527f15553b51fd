// The ttyd-style framing of /api/v1/terminal/ws (src/Terminal/Sessions/TtyFrames.cs): one ASCII
// opcode byte, then the payload. The page always sends binary messages.

export const ClientOp = {
  input: '0',
  resize: '1',
  pause: '2',
  resume: '3',
};

export const ServerOp = {
  output: 0x30, // '0' raw PTY bytes
  title: 0x31, // '1' window title (UTF-8)
  preferences: 0x32, // '2' JSON preferences
  terminalId: 0x33, // '3' the session id in decimal
  shellType: 0x34, // '4' bash | zsh | fish | sh | ssh | tmux
  sessionResize: 0x35, // '5' HoodyKit: {"columns":C,"rows":R} every client adopts
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A message: the opcode character, then a string (UTF-8 encoded) or bytes. */
export function frame(opcode, payload) {
  const body = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const message = new Uint8Array(body.length + 1);
  message[0] = opcode.charCodeAt(0);
  message.set(body, 1);
  return message;
}

/** JSON_DATA, the first message: the whole message is JSON (it starts with '{'). */
export function jsonData(columns, rows, token) {
  const data = { columns, rows };
  if (token) data.token = token;
  return encoder.encode(JSON.stringify(data));
}

export function resize(columns, rows) {
  return frame(ClientOp.resize, JSON.stringify({ columns, rows }));
}

/** xterm's onBinary strings carry one byte per character (mouse reports in X10 encoding). */
export function binaryInput(text) {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return frame(ClientOp.input, bytes);
}

export function text(bytes) {
  return decoder.decode(bytes);
}

/** {columns, rows} from a JSON payload, or null when it is not one. */
export function parseSize(bytes) {
  try {
    const size = JSON.parse(text(bytes));
    return Number.isInteger(size?.columns) && Number.isInteger(size?.rows) && size.columns > 0 && size.rows > 0
      ? { columns: size.columns, rows: size.rows }
      : null;
  } catch {
    return null; // a malformed frame is ignored, as the server ignores malformed resizes
  }
}
