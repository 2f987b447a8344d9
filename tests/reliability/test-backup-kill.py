#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Backups under SIGKILL, and next to a writer. Output is TAP.

1. A restore is killed KILLS times at random moments, alternating between
   two copies with different clients: afterwards the database, as the
   application finds it (SQLite recovering its log), passes integrity_check
   and holds exactly the old records or exactly the restored ones, never a
   mix; a copy kept before a restore is whole.
2. A backup is killed KILLS times: the database and its folder are byte for
   byte as they were, and the destination is absent or a whole copy.
   Temporary files a kill leaves are counted (the daily run removes them).
3. While a writer (crash-writer, the store as a window uses it) writes to a
   database: `confianza --backup` makes whole copies, and `confianza
   --restore` is refused with status 6 (the writer holds the database's
   lock) and leaves it alone; once the writer is gone the restore goes ahead.

Usage: test-backup-kill.py BACKUP_RUNNER CRASH_WRITER CONFIANZA [KILLS] [SEED]
"""

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

CLIENTS = 400


def signature(path):
    """(integrity, which clients) of @path as SQLite finds it."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        names = connection.execute(
            "SELECT count(*), min(name), max(name), sum(length(name)) FROM client").fetchone()
        promises = connection.execute("SELECT count(*) FROM promise").fetchone()[0]
    finally:
        connection.close()
    return rows == [("ok",)], names + (promises,)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def folder_state(folder):
    return sorted((name, sha256(os.path.join(folder, name)))
                  for name in os.listdir(folder)
                  if os.path.isfile(os.path.join(folder, name)))


def run(argv):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, check=False)


def timed(argv):
    started = time.monotonic()
    result = run(argv)
    if result.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(argv), result.stderr.strip()))
    return time.monotonic() - started


def kill_at(argv, delay):
    """Runs @argv and kills it after @delay s; whether it had finished."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    finished = process.poll() is not None
    if not finished:
        process.send_signal(signal.SIGKILL)
    process.wait()
    if finished and process.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(argv), process.stderr.read().decode()))
    process.stderr.close()
    return finished


def partials(folder):
    """Removes (and counts) what killed copies left in @folder."""
    left = [name for name in os.listdir(folder) if ".partial-" in name]
    for name in left:
        os.unlink(os.path.join(folder, name))
    return len(left)


def restore_kills(runner, tmp, kills, rng, number):
    old, new = os.path.join(tmp, "old-copy.db"), os.path.join(tmp, "new-copy.db")
    expected = {"old": signature(old)[1], "new": signature(new)[1]}
    live_dir = os.path.join(tmp, "live")
    os.mkdir(live_dir)
    live = os.path.join(live_dir, "live.db")
    shutil.copyfile(old, live)
    backups = os.path.join(live_dir, "backups")

    # The median of three whole runs (fsync times vary on a busy disk):
    # kills land anywhere from the start to a little after the end
    duration = statistics.median(timed([runner, "restore", live, source]) for source in (new, old, new))
    current = "new"
    unchanged = restored = finished = kept = left = 0
    for _ in range(kills):
        target = "old" if current == "new" else "new"
        delay = rng.uniform(0.0, duration * 1.3)
        finished += kill_at([runner, "restore", live, old if target == "old" else new], delay)

        ok, found = signature(live)
        if not ok:
            return "not ok %d - a restore killed at %.1f ms left a database that fails " \
                   "integrity_check" % (number, delay * 1000), None
        state = [name for name, sig in expected.items() if sig == found]
        if not state:
            return "not ok %d - a restore killed at %.1f ms left a mix: %r" \
                   % (number, delay * 1000, found), None
        if state[0] == current:
            unchanged += 1
        else:
            restored += 1
        current = state[0]

        if os.path.isdir(backups):
            left += partials(backups)
            for name in os.listdir(backups):
                path = os.path.join(backups, name)
                ok, found = signature(path)
                if not ok or found not in expected.values():
                    return "not ok %d - a copy kept before a restore is not whole: %s" \
                           % (number, name), None
                os.unlink(path)
                kept += 1

    summary = ("%d kills during a restore (%.0f ms each): %d left the records as they were, "
               "%d the restored ones, never a mix, integrity_check ok every time (%d kills came "
               "after it had finished); %d copies kept before a restore, all whole; %d temporary "
               "files left" % (kills, duration * 1000, unchanged, restored, finished, kept, left))
    return "ok %d - %s" % (number, summary), summary


def backup_kills(runner, tmp, kills, rng, number):
    database = os.path.join(tmp, "data", "old.db")
    expected = signature(os.path.join(tmp, "old-copy.db"))[1]
    out = os.path.join(tmp, "out")
    os.mkdir(out)
    destination = os.path.join(out, "copy.db")
    before = folder_state(os.path.dirname(database))

    duration = statistics.median(timed([runner, "backup", database, destination]) for _ in range(3))
    whole = absent = finished = left = 0
    for _ in range(kills):
        if rng.random() < 0.5 and os.path.exists(destination):
            os.unlink(destination)
        delay = rng.uniform(0.0, duration * 1.3)
        finished += kill_at([runner, "backup", database, destination], delay)

        if folder_state(os.path.dirname(database)) != before:
            return "not ok %d - a backup killed at %.1f ms changed the database's folder" \
                   % (number, delay * 1000), None
        left += partials(out)
        if os.path.exists(destination):
            ok, found = signature(destination)
            if not ok or found != expected:
                return "not ok %d - a backup killed at %.1f ms left a copy that is not " \
                       "whole" % (number, delay * 1000), None
            whole += 1
        else:
            absent += 1

    summary = ("%d kills during a backup (%.0f ms each): the database and its folder "
               "unchanged every time; the copy whole %d times, absent %d times; %d came after "
               "it had finished; %d temporary files left" % (kills, duration * 1000, whole, absent,
                                                             finished, left))
    return "ok %d - %s" % (number, summary), summary


def next_to_a_writer(writer, confianza, tmp, number):
    """--backup while a writer writes, --restore refused while it holds the file."""
    folder = os.path.join(tmp, "busy")
    os.mkdir(folder)
    database = os.path.join(folder, "busy.db")
    lines = []
    process = subprocess.Popen([writer, database, "7"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        # Once it is open and writing
        for line in process.stdout:
            lines.append(line)
            if len(lines) > 20:
                break
        copies = []
        for i in range(5):
            copy = os.path.join(tmp, "busy-copy-%d.db" % i)
            result = run([confianza, "--database=" + database, "--backup=" + copy])
            if result.returncode != 0:
                return "not ok %d - --backup while a writer writes failed: %s" \
                       % (number, result.stderr.strip())
            ok, found = signature(copy)
            if not ok or found[0] == 0:
                return "not ok %d - --backup while a writer writes made a copy that is not " \
                       "whole" % number
            copies.append(found[0])
        refused = run([confianza, "--database=" + database, "--restore=" + copy])
        if refused.returncode != 6:
            return "not ok %d - --restore under a writer exited %d: %s" \
                   % (number, refused.returncode, refused.stderr.strip())
        if any(".before-restore" in name for name in os.listdir(folder)) or \
                os.path.isdir(os.path.join(folder, "backups")):
            return "not ok %d - a refused restore still wrote a copy" % number
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()

    restored = run([confianza, "--database=" + database, "--restore=" + copy])
    ok, found = signature(database)
    if restored.returncode != 0 or not ok or found[0] != copies[-1]:
        return "not ok %d - --restore once the writer was gone: exit %d, %s" \
               % (number, restored.returncode, restored.stderr.strip())
    return ("ok %d - next to a writer: 5 copies with --backup, whole (%s clients); --restore "
            "refused with status 6 (%s), then done once the writer was gone"
            % (number, ", ".join(str(n) for n in copies), refused.stderr.strip()))


def main():
    runner, writer, confianza = sys.argv[1:4]
    kills = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 20261204
    rng = random.Random(seed)
    started = time.monotonic()

    print("1..3")
    sys.stdout.flush()
    tmp = tempfile.mkdtemp(prefix="confianza-backup-kill-")
    status = 0
    try:
        data = os.path.join(tmp, "data")
        os.mkdir(data)
        for name, prefix in (("old", "Vieja"), ("new", "Nueva")):
            path = os.path.join(data, name + ".db")
            timed([runner, "fill", path, prefix, str(CLIENTS)])
            timed([runner, "backup", path, os.path.join(tmp, name + "-copy.db")])

        summaries = []
        for number, test in ((1, restore_kills), (2, backup_kills)):
            line, summary = test(runner, tmp, kills, rng, number)
            print(line)
            sys.stdout.flush()
            if summary is None:
                status = 1
            else:
                summaries.append(summary)

        line = next_to_a_writer(writer, confianza, tmp, 3)
        print(line)
        if line.startswith("not ok"):
            status = 1
        for summary in summaries:
            print("# " + summary)
        print("# %.1f s" % (time.monotonic() - started))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
