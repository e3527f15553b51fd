#!/usr/bin/env python3
"""Records the terminal emulator's oracle fixtures (tests/HoodyKit.UnitTests/Terminal/Oracle/Fixtures).

Real programs (vim, htop, less) run on a PTY of a fixed size with a scripted series of keystrokes; the
bytes they write are stored as they came. Two more fixtures (colours, scrolling) are generated here,
byte for byte. After every step the byte offset is kept as a checkpoint: the oracle test compares
both emulators there, not only at the end. Writes manifest.json beside the .bin files.

Usage: scripts/record-terminal-fixtures.py [name ...]   (vim, htop, less, colours, scrolling; default all)
Needs vim, htop and less (Debian packages of those names). Not run by the tests: the fixtures are committed.
"""
import fcntl
import json
import os
import select
import struct
import subprocess
import sys
import tempfile
import termios
import time

COLS, ROWS = 80, 24
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "HoodyKit.UnitTests", "Terminal", "Oracle", "Fixtures")


def run_program(argv, steps, cwd, settle=0.6):
    """Runs argv on a fresh PTY; steps are (bytes to type, seconds to wait). Returns (output, checkpoints)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    env = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "HOME": cwd, "PATH": "/usr/bin:/bin", "TZ": "UTC"}

    def child_setup():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                            preexec_fn=child_setup, close_fds=True)
    os.close(slave)
    out = bytearray()
    checkpoints = []

    def drain(seconds):
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            out.extend(chunk)

    drain(settle)
    checkpoints.append(len(out))
    for keys, wait in steps:
        if keys:
            os.write(master, keys)
        drain(wait)
        checkpoints.append(len(out))
    proc.kill()
    proc.wait()
    os.close(master)
    return bytes(out), sorted(set(checkpoints))


def long_text(lines=300):
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    rows = []
    for i in range(1, lines + 1):
        text = " ".join(words[(i * k) % len(words)] for k in range(1, 2 + i % 9))
        if i % 37 == 0:
            text += " needle"
        if i % 50 == 0:
            text += " 漢字テキスト wide"
        rows.append(f"{i:4d} {text}")
    return "\n".join(rows) + "\n"


def record_vim(tmp):
    path = os.path.join(tmp, "example.c")
    with open(path, "w", encoding="utf-8") as f:
        f.write("#include <stdio.h>\n\n/* a comment */\nint main(void)\n{\n")
        for i in range(60):
            f.write(f'    printf("line %d: %s\\n", {i}, "text");\n')
        f.write("    return 0;\n}\n")
    steps = [
        (b"5G", 0.4), (b"ohello from the oracle \xc3\xa9\xe6\xbc\xa2\x1b", 0.5), (b"\x06", 0.5), (b"\x06", 0.5),
        (b"\x02", 0.5), (b"G", 0.5), (b"gg", 0.5), (b":set number\r", 0.5), (b":set cursorline\r", 0.5),
        (b"\x04", 0.5), (b":set termguicolors\r", 0.6), (b":split\r", 0.6), (b"\x17j", 0.4), (b"/printf\r", 0.5),
        (b":q!\r", 0.5), (b":q!\r", 0.8),
    ]
    return run_program(["vim", "--clean", "-N", "-c", "syntax on", path], steps, tmp, settle=1.2)


def record_htop(tmp):
    steps = [(b"", 1.2), (b"", 1.2), (b"t", 1.0), (b"t", 1.0), (b"\x1bOB\x1bOB", 0.8), (b"F", 0.8), (b"\x1b", 0.8), (b"q", 0.6)]
    return run_program(["htop", "-d", "5", "--no-mouse"], steps, tmp, settle=1.5)


def record_less(tmp):
    path = os.path.join(tmp, "long.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(long_text())
    steps = [(b" ", 0.4), (b" ", 0.4), (b"/needle\r", 0.5), (b"n", 0.4), (b"n", 0.4), (b"N", 0.4), (b"G", 0.4),
             (b"?wide\r", 0.5), (b"g", 0.4), (b"\x1b[B" * 5, 0.4), (b"-N\r", 0.5), (b"q", 0.5)]
    return run_program(["less", "-R", path], steps, tmp)


def sgr(*codes):
    return "\x1b[" + ";".join(str(c) for c in codes) + "m"


def colours_stream():
    """16, 256 and 24-bit colours in both the ; and : forms, every attribute, wide, emoji and combining text."""
    parts = [[]]

    def emit(text):
        parts[-1].append(text)

    def checkpoint():
        parts.append([])

    emit("\x1b[H\x1b[2J")
    for base in (30, 90, 40, 100):
        emit("".join(f"{sgr(base + i)} {base + i} " for i in range(8)) + sgr(0) + "\r\n")
    checkpoint()
    for row in range(16):
        emit("".join(f"{sgr(38, 5, row * 16 + i)}#{sgr(48, 5, 255 - row * 16 - i)}{row * 16 + i:3d}" for i in range(16)) + sgr(0) + "\r\n")
    checkpoint()
    emit("".join(f"\x1b[38;2;{i * 8};{255 - i * 8};{(i * 40) % 256}m\x1b[48;2;{(i * 16) % 256};0;{i * 8}m=" for i in range(32)) + sgr(0) + "\r\n")
    emit("\x1b[38:2::255:128:0mcolon-rgb\x1b[48:2:0:64:128m colon-no-space\x1b[38:5:202m idx\x1b[48:5:17m bg\x1b[0m\r\n")
    emit("\x1b[38;5;3mpalette-low\x1b[33m ansi-low\x1b[1;38;5;4m bold-256\x1b[1;34m bold-16\x1b[0m\r\n")
    checkpoint()
    attrs = [(1, 22, "bold"), (2, 22, "dim"), (3, 23, "italic"), (4, 24, "underline"), (5, 25, "blink"),
             (7, 27, "inverse"), (8, 28, "hidden"), (9, 29, "strike"), (53, 55, "overline"), (21, 24, "double")]
    emit(" ".join(f"{sgr(on)}{name}{sgr(off)}" for on, off, name in attrs) + "\r\n")
    emit("\x1b[1;3;4;7;9mall\x1b[22;23mnot-bold\x1b[4:3mcurly\x1b[4:0mno-ul\x1b[0m\x1b[1;2mbd\x1b[22mx\x1b[0m\r\n")
    emit("\x1b[7;31;42minverse-colours\x1b[39;49mdefaults\x1b[0m \x1b[38;5;300mbad\x1b[38;2;1;2mshort\x1b[0m\r\n")
    checkpoint()
    emit("CJK: 漢字かなカナ한국어 ｆｕｌｌ end\r\n")
    emit("emoji: 😀🎉🚀 ok ✨❤️ 👍🏽 👨‍👩‍👧 end\r\n")
    emit("combining: e\u0301 a\u0308\u0304 n\u0303 Z\u0335\u0336 \u05d0\u05b8 end\r\n")
    emit("edge:" + "x" * 74 + "漢字after-wrap\r\n")
    emit("\x1b[41m" + "y" * 79 + "漢" + "\x1b[0m\r\n")
    emit("\x1b[44mcolour-erase\x1b[K\x1b[0m\r\n")
    emit("\x1b[43m\x1b[2@ins\x1b[0m\r\n")
    checkpoint()
    return [("".join(p)).encode("utf-8") for p in parts]


def scrolling_stream():
    """Scroll regions, origin mode, index at the margins, insert/delete, tabs, charsets and the alternate screens."""
    parts = [[]]

    def emit(text):
        parts[-1].append(text)

    def checkpoint():
        parts.append([])

    for i in range(1, 31):
        emit(f"main line {i}\r\n")
    emit("prompt$ ")
    checkpoint()
    emit("\x1b[5;15r\x1b[15;1H")
    for i in range(1, 8):
        emit(f"\r\nregion {i}")
    emit("\x1b[5;1H\x1bM\x1bMreverse\x1b[3S\x1b[2T")
    checkpoint()
    emit("\x1b[?6h\x1b[1;1Horigin-home\x1b[30;1Hclamped\x1b[?6l\x1b[r\x1b[24;70Hbottom")
    emit("\x1b[10;1H\x1b[2L\x1b[12;1H\x1b[3M\x1b[8;5H\x1b[44m\x1b[2K\x1b[0mafter-el")
    checkpoint()
    emit("\x1b[H\x1b[2J\x1b[1;1Ha\tb\tc\x1b[3g\x1b[2;1H\x1bH\x1b[2;12H\x1bH\x1b[3;1H1\t2\t3\x1b[0g")
    emit("\x1b[4;1H\x1b[3Ifar\x1b[2Zback\x1b[5;1Habcdefghij\x1b[5;3H\x1b[4hINS\x1b[4l\x1b[5;1H\x1b[2P\x1b[5;8H\x1b[3X")
    emit("\x1b[6;1H\x1b(0lqqk\x1b(B x \x1b)0\x0etqu\x0f back\x1b[7;1Hrep\x1b[5b\x1b[8;78Hwrap-me\x1b[?7l\x1b[9;75Hno-wrap-here")
    emit("\x1b[?7h\x1b[10;80HX\x08Y\x1b[11;80HZ\r\n\x1b[12;40H\x1b7\x1b[31msaved\x1b[20;1H\x1b8restored\x1b[0m")
    checkpoint()
    emit("\x1b[?1049h\x1b[Halt screen 1049\x1b[3;3H\x1b[42mgreen\x1b[0m")
    for i in range(30):
        emit(f"\r\nalt {i}")
    checkpoint()
    emit("\x1b[?1049l after-1049")
    checkpoint()
    emit("\x1b[?47hold alt 47\x1b[?47l\x1b[?1047hmode 1047\x1b[?1047l\x1b[?1048hsaved-cursor\x1b[1;1H\x1b[?1048l!")
    emit("\x1b#8\x1b[3;3Hdecaln\x1b[?25l\x1b[?1h\x1b[?2004h\x1b[?1000h\x1b[?1006h\x1b=")
    checkpoint()
    emit("\x1b[?25h\x1b[?1l\x1b[?2004l\x1b[?1000l\x1b[?1002h\x1b>\x1b[2J\x1b[3J\x1b[Hcleared\x1bc")
    emit("after reset\x1b]0;a title\x07\x1b]2;other title\x1b\\\x1bP1$r\x1b\\dcs-gone\x1b[999;999H")
    checkpoint()
    return [("".join(p)).encode("utf-8") for p in parts]


def generated(stream):
    out = bytearray()
    checkpoints = []
    for chunk in stream():
        out.extend(chunk)
        checkpoints.append(len(out))
    return bytes(out), sorted(set(checkpoints))


RECORDERS = {
    "vim": record_vim,
    "htop": record_htop,
    "less": record_less,
    "colours": lambda tmp: generated(colours_stream),
    "scrolling": lambda tmp: generated(scrolling_stream),
}


def main():
    names = sys.argv[1:] or list(RECORDERS)
    os.makedirs(OUT, exist_ok=True)
    manifest_path = os.path.join(OUT, "manifest.json")
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as f:
            manifest = {m["name"]: m for m in json.load(f)}
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            data, checkpoints = RECORDERS[name](tmp)
        with open(os.path.join(OUT, name + ".bin"), "wb") as f:
            f.write(data)
        manifest[name] = {"name": name, "file": name + ".bin", "cols": COLS, "rows": ROWS, "checkpoints": checkpoints}
        print(f"{name}: {len(data)} bytes, {len(checkpoints)} checkpoints")
    with open(manifest_path, "w", encoding="utf-8") as f:
        json.dump([manifest[k] for k in sorted(manifest)], f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
