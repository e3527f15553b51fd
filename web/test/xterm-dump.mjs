// The terminal emulator's oracle: feeds a recorded byte stream into @xterm/headless and prints, at each
// checkpoint (a byte offset), what the screen holds: every cell (text, width, colours, attributes), the
// cursor, the modes, the title and the scrollback's text. The NUnit oracle test compares it with the
// same dump of HoodyKit's own emulator (tests/HoodyKit.UnitTests/Terminal/Oracle).
//
// usage: node test/xterm-dump.mjs <file> <cols> <rows> <offset,offset,...>
import { readFileSync } from 'node:fs';
import headless from '@xterm/headless';

const { Terminal } = headless;
const [file, cols, rows, offsets] = process.argv.slice(2);
const bytes = readFileSync(file);
const checkpoints = (offsets ?? String(bytes.length)).split(',').map(Number);

const term = new Terminal({ cols: Number(cols), rows: Number(rows), scrollback: 5000, allowProposedApi: true });
let title = '';
term.onTitleChange((t) => { title = t; });

const write = (data) => new Promise((resolve) => term.write(data, resolve));

/** xterm.js colour modes as the dump spells them: default, 16:n (SGR 30-37/90-97), 256:n, #rrggbb. */
function colour(mode, value) {
  switch (mode) {
    case 0x1000000: return `16:${value}`;
    case 0x2000000: return `256:${value}`;
    case 0x3000000: return `#${value.toString(16).padStart(6, '0')}`;
    default: return 'default';
  }
}

function flags(cell) {
  let f = '';
  if (cell.isBold()) f += 'B';
  if (cell.isDim()) f += 'D';
  if (cell.isItalic()) f += 'I';
  if (cell.isUnderline()) f += 'U';
  if (cell.isBlink()) f += 'K';
  if (cell.isInverse()) f += 'R';
  if (cell.isInvisible()) f += 'H';
  if (cell.isStrikethrough()) f += 'S';
  if (cell.isOverline()) f += 'O';
  return f;
}

function dump() {
  const buffer = term.buffer.active;
  const core = term._core;
  const lines = [];
  const cell = buffer.getNullCell();
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const cells = [];
    for (let x = 0; x < term.cols; x++) {
      line.getCell(x, cell);
      cells.push([cell.getChars(), cell.getWidth(),
        colour(cell.getFgColorMode(), cell.getFgColor()), colour(cell.getBgColorMode(), cell.getBgColor()), flags(cell)]);
    }
    lines.push(cells);
  }
  const scrollback = [];
  for (let y = 0; y < buffer.baseY; y++) scrollback.push(buffer.getLine(y).translateToString(true));
  const modes = term.modes;
  return {
    cursor: {
      x: Math.min(buffer.cursorX, term.cols - 1),
      y: buffer.cursorY,
      visible: !core.coreService.isCursorHidden,
      pendingWrap: buffer.cursorX >= term.cols,
    },
    modes: {
      altScreen: buffer.type === 'alternate',
      applicationCursorKeys: modes.applicationCursorKeysMode,
      applicationKeypad: modes.applicationKeypadMode,
      bracketedPaste: modes.bracketedPasteMode,
      insert: modes.insertMode,
      origin: modes.originMode,
      autoWrap: modes.wraparoundMode,
      mouseTracking: modes.mouseTrackingMode,
      sgrMouse: core.coreMouseService.activeEncoding === 'SGR',
    },
    title,
    scrollback,
    lines,
  };
}

const states = [];
let done = 0;
for (const offset of checkpoints) {
  await write(bytes.subarray(done, offset));
  done = offset;
  states.push({ offset, ...dump() });
}
process.stdout.write(JSON.stringify({ cols: term.cols, rows: term.rows, states }));
