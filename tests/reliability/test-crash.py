#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety: kill a writer with SIGKILL at random moments, 200 times.

The writer (crash-writer) saves clients, promises and whole recovery plans
through the store and prints a line after each commit. After each kill,
every reported commit must be in the database, no plan may lack its
follow-ups or compensation, and PRAGMA integrity_check must say "ok".
The same database grows across all the kills, which land in the writer's
start-up and opening (as long as round one, which creates the file, took)
and in the 50 ms of writes after them. Output is TAP.

Then CREATION_KILLS more kills land while a new database is being
created: the application must still start afterwards, find a sound
database and remove the temporary file of the killed creation (the store
builds a new database under a temporary name and links it into place). The kills are spread over the time an undisturbed creation
takes on this machine, so that they land in the creation itself and not
only in the program's start-up, however slow the build (ASan) or machine.

The writers' output goes to a temporary file that this script reads while
they write. It is read with os.pread (), never seek () and read (): the
file offset is shared with the writer, and moving it back made the writer
write its next line over "open", which once looked like a refused start.

Usage: test-crash.py CRASH_WRITER [KILLS] [SEED]
"""

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

FOLLOW_UPS = 3
CREATION_KILLS = 30
# How long a start may take to open the file and commit once: ASan on a busy
# 2-core machine is slow; a sound start takes milliseconds
START_LIMIT = 60.0


def check(db_path, reported):
    """Returns a list of problems, empty when the database is sound."""
    problems = []
    # Killed before it made the file: nothing can be missing yet. Never let
    # Python create it (an empty file would be refused by the next writer).
    if not os.path.exists(db_path):
        return ["the file is gone although commits were reported"] if reported else []
    # As the application would find it after the crash: SQLite recovers the
    # write-ahead log on opening
    connection = sqlite3.connect("file:%s?mode=rw" % db_path, uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            problems.append("integrity_check: %r" % rows[:5])

        for kind, fields in reported:
            if kind == "client":
                found = connection.execute(
                    "SELECT count(*) FROM client WHERE id = ? AND name = ?",
                    (int(fields[0]), fields[1])).fetchone()[0]
                if found != 1:
                    problems.append("client %s %s was reported but is missing" % tuple(fields[:2]))
            elif kind == "promise":
                found = connection.execute(
                    "SELECT count(*) FROM promise WHERE id = ? AND client_id = ?",
                    (int(fields[0]), int(fields[1]))).fetchone()[0]
                if found != 1:
                    problems.append("promise %s was reported but is missing" % fields[0])
            elif kind == "plan":
                found = connection.execute(
                    "SELECT count(*) FROM recovery_plan WHERE id = ? AND incident_id = ?",
                    (int(fields[0]), int(fields[1]))).fetchone()[0]
                if found != 1:
                    problems.append("plan %s was reported but is missing" % fields[0])

        # No half-written plan, reported or not
        half = connection.execute(
            "SELECT p.id,"
            " (SELECT count(*) FROM follow_up f WHERE f.plan_id = p.id),"
            " (SELECT count(*) FROM compensation c WHERE c.plan_id = p.id)"
            " FROM recovery_plan p").fetchall()
        for plan_id, follow_ups, compensations in half:
            if follow_ups != FOLLOW_UPS or compensations != 1:
                problems.append("plan %d has %d follow-ups and %d compensations"
                                % (plan_id, follow_ups, compensations))
        orphans = connection.execute(
            "SELECT (SELECT count(*) FROM follow_up WHERE plan_id NOT IN (SELECT id FROM recovery_plan)),"
            " (SELECT count(*) FROM compensation WHERE plan_id NOT IN (SELECT id FROM recovery_plan))"
        ).fetchone()
        if orphans != (0, 0):
            problems.append("follow-ups or compensations without a plan: %r" % (orphans,))
    finally:
        connection.close()
    return problems


def starts(writer, db_path, seed):
    """Whether the writer opens @db_path and commits within START_LIMIT;
    with what it said when it did not."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([writer, db_path, str(seed)], stdout=out, stderr=err)
        wait_for_commit(process, out, START_LIMIT)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait()
        lines = output_of(out).splitlines()
        if lines[:1] == ["open"]:
            return True, ""
        return False, "status %s, output %r, errors %r" % (
            process.returncode, "\n".join(lines[:2]), output_of(err).strip())


def output_of(out):
    """What a writer wrote to @out so far. pread () leaves the offset it
    shares with the writer alone: a seek () back to 0 would make the
    writer's next line overwrite the first ones."""
    chunks = []
    offset = 0
    while True:
        chunk = os.pread(out.fileno(), 65536, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def wait_for_commit(process, out, limit):
    """Waits until the writer has opened the file and committed once (or
    stopped, or @limit seconds passed); returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < limit and process.poll() is None:
        if len(output_of(out).splitlines()) >= 2:
            break
        time.sleep(0.01)
    return time.monotonic() - started


def creation_time(writer):
    """The seconds an undisturbed writer takes, on this machine and build,
    from its start to a new database open: the median of three."""
    times = []
    for _ in range(3):
        tmpdir = tempfile.mkdtemp(prefix="confianza-create-")
        try:
            with tempfile.TemporaryFile() as out, open(os.devnull, "wb") as null:
                process = subprocess.Popen([writer, os.path.join(tmpdir, "new.db"), "1"],
                                           stdout=out, stderr=null)
                started = time.monotonic()
                while (time.monotonic() - started < START_LIMIT and process.poll() is None
                       and not output_of(out).startswith("open\n")):
                    time.sleep(0.0005)
                times.append(time.monotonic() - started)
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                process.wait()
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
    return sorted(times)[1]


def stage_of(left):
    """How far a killed creation got, from the files it left"""
    if "new.db" in left:
        return "named"
    if left:
        return "temporary"
    return "nothing"


def creation_kills(writer, rng, first_number):
    """Kills during the creation of new databases; returns the TAP line,
    the number of refusals and a comment on where the kills landed."""
    refused = []
    stages = {"nothing": 0, "temporary": 0, "named": 0}
    # Half again as long as an undisturbed creation: the start-up before it
    # and the first writes after it are covered too
    window = max(creation_time(writer) * 1.5, 0.008)
    for attempt in range(CREATION_KILLS):
        tmpdir = tempfile.mkdtemp(prefix="confianza-create-")
        try:
            db_path = os.path.join(tmpdir, "new.db")
            delay = rng.uniform(0.0, window)
            with open(os.devnull, "wb") as null:
                process = subprocess.Popen([writer, db_path, "1"], stdout=null, stderr=null)
                time.sleep(delay)
                process.send_signal(signal.SIGKILL)
                process.wait()
            left = sorted(os.listdir(tmpdir))
            stages[stage_of(left)] += 1
            ok, errors = starts(writer, db_path, attempt)
            if ok:
                problems = check(db_path, [])
                # The start that created the file removed what the kill
                # left of the first creation
                if "new.db" not in left:
                    problems += ["%s was left" % name for name in os.listdir(tmpdir)
                                 if name.startswith(".new.db.creating-")]
                if problems:
                    ok, errors = False, "; ".join(problems[:5])
            if not ok:
                refused.append("after a kill at %.1f ms (left %s): %s"
                               % (delay * 1000, ", ".join(left) or "nothing", errors))
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)

    comment = ("# creation kills over %.0f ms: %d before any file, %d left only the "
               "temporary file, %d after the database took its name"
               % (window * 1000, stages["nothing"], stages["temporary"], stages["named"]))
    if not refused:
        return ("ok %d - %d kills while creating a database: it always opens afterwards, "
                "sound, with nothing left behind" % (first_number, CREATION_KILLS)), 0, comment
    for problem in refused:
        print("# %s" % problem)
    return ("not ok %d - %d of %d kills while creating a database left a file that is "
            "refused, unsound or left behind afterwards"
            % (first_number, len(refused), CREATION_KILLS)), len(refused), comment


def main():
    writer = sys.argv[1]
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20240301
    rng = random.Random(seed)

    tmpdir = tempfile.mkdtemp(prefix="confianza-crash-")
    db_path = os.path.join(tmpdir, "crash.db")
    reported = []
    verified = 0
    killed_early = 0
    started = time.monotonic()

    print("1..%d" % (kills + 1))
    sys.stdout.flush()

    # Kills land in the writer's start-up and opening, and in up to 50 ms
    # of writes after them (start-up is measured in round one: ASan makes it
    # take longer than the 50 ms once allowed, so that no kill reached a write)
    window = 0.050

    try:
        for round_number in range(1, kills + 1):
            delay = rng.uniform(0.0, window)

            with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
                process = subprocess.Popen([writer, db_path, str(rng.randrange(1 << 31))],
                                           stdout=out, stderr=err)
                if round_number == 1:
                    # The first round creates the file: let it, however slow
                    # the machine (ASan on a busy one takes far more than the
                    # 0.3 s once allowed), so that later kills land in writes
                    delay = wait_for_commit(process, out, START_LIMIT)
                    window = 0.050 + min(delay, 1.0)
                else:
                    time.sleep(delay)
                exited_early = process.poll() is not None
                if not exited_early:
                    process.send_signal(signal.SIGKILL)
                process.wait()

                lines = output_of(out).splitlines()
                errors = output_of(err).strip()

            if exited_early or process.returncode != -signal.SIGKILL:
                print("not ok %d - the writer stopped by itself (status %s): %s"
                      % (round_number, process.returncode, errors))
                return 1

            opened = bool(lines) and lines[0] == "open"
            if not opened:
                killed_early += 1
            new = []
            # The last line may be cut by the kill: only whole lines count
            for line in lines[1:]:
                fields = line.split(" ")
                if fields[0] in ("client", "promise", "plan") and len(fields) >= 3:
                    new.append((fields[0], fields[1:]))
            reported.extend(new)

            problems = check(db_path, reported)
            if problems:
                print("not ok %d - after a kill at %.1f ms: %s"
                      % (round_number, delay * 1000, "; ".join(problems[:5])))
                return 1

            verified = len(reported)
            print("ok %d - killed at %.1f ms, %d new commits, %d verified"
                  % (round_number, delay * 1000, len(new), verified))
            sys.stdout.flush()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    line, refused, comment = creation_kills(writer, rng, kills + 1)
    print(line)
    print(comment)

    counts = {}
    for kind, _ in reported:
        counts[kind] = counts.get(kind, 0) + 1
    print("# kills: %d over %.0f ms, commits verified: %d (%d clients, %d promises, "
          "%d plans), %d kills before the database was open; %d kills while creating "
          "one, %d left it refused; %.1f s"
          % (kills, window * 1000, verified, counts.get("client", 0),
             counts.get("promise", 0), counts.get("plan", 0), killed_early,
             CREATION_KILLS, refused, time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
