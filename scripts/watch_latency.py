#!/usr/bin/env python3
"""How long an author waits in `briefing watch`: from saving the content
file to the new PDF renamed into place.

Starts `briefing watch` on a copy of the sample, then saves it 12 times
(each save changes the subtitle, so each must give a new PDF), and after
each save polls the PDF every 0.2 ms until a new file stands at its path
(the watcher writes a temporary file and renames it, so the path's inode
changes). Prints every wait and the median.

    scripts/watch_latency.py [--bin target/release/briefing] [--saves 12]
                             [--rename] [--input briefing.toml]

`--rename` saves as many editors do, by writing a new file and renaming it
over the old one; the default writes the file in place. Build the release
binary first (`cargo build --release`).
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wait_for(pred, what, timeout=30.0):
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.005)


def inode(path):
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/briefing"))
    ap.add_argument("--input", default=os.path.join(ROOT, "briefing.toml"))
    ap.add_argument("--saves", type=int, default=12)
    ap.add_argument("--rename", action="store_true")
    ap.add_argument("--pause", type=float, default=0.4, help="seconds between saves")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} is missing: run `cargo build --release` first")

    work = tempfile.mkdtemp(prefix="briefing-watch-latency-")
    toml = os.path.join(work, "briefing.toml")
    pdf = os.path.join(work, "briefing.pdf")
    log = os.path.join(work, "watch.log")
    text = open(args.input, encoding="utf-8").read()
    with open(toml, "w", encoding="utf-8") as f:
        f.write(text)
    env = dict(os.environ, SOURCE_DATE_EPOCH="997660800", NO_COLOR="1")
    with open(log, "w") as err:
        proc = subprocess.Popen(
            [args.bin, "watch", "briefing.toml"],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        wait_for(lambda: "watching" in open(log).read() and inode(pdf), "the first build")
        waits = []
        for i in range(args.saves):
            time.sleep(args.pause)
            before = inode(pdf)
            changed = text.replace(
                'subtitle = "', f'subtitle = "Save {i + 1}: ', 1
            )
            assert changed != text, "the content has no subtitle to change"
            data = changed.encode("utf-8")
            t0 = time.perf_counter()
            if args.rename:
                tmp = os.path.join(work, ".briefing.toml.new")
                with open(tmp, "wb") as f:
                    f.write(data)
                os.rename(tmp, toml)
            else:
                with open(toml, "wb") as f:
                    f.write(data)
            deadline = t0 + 10.0
            while inode(pdf) == before:
                if time.perf_counter() > deadline:
                    sys.exit(f"save {i + 1}: no new PDF after 10 s\n" + open(log).read())
                time.sleep(0.0002)
            ms = (time.perf_counter() - t0) * 1000
            waits.append(ms)
            print(f"save {i + 1:2}: {ms:6.1f} ms")
        print(
            f"median {statistics.median(waits):.1f} ms, min {min(waits):.1f} ms, "
            f"max {max(waits):.1f} ms over {len(waits)} saves"
            + (" (saved by rename)" if args.rename else " (saved in place)")
        )
        # The report line follows the rename; give it a moment.
        count = lambda: len([l for l in open(log).read().splitlines() if "wrote " in l])
        end = time.monotonic() + 2.0
        while count() < args.saves + 1 and time.monotonic() < end:
            time.sleep(0.01)
        builds = [l for l in open(log).read().splitlines() if "wrote " in l]
        print(f"the watcher reported {len(builds)} builds (1 first + {args.saves} saves)")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
