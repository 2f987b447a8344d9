#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the CSV fuzzer for a bounded time over a copy of the seed corpus.

Usage: run-fuzz.py FUZZER CORPUS SECONDS
       run-fuzz.py --skip REASON
Output is TAP: one test, skipped (with its reason) when there is no fuzzer.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    print("1..1")
    if sys.argv[1] == "--skip":
        print("ok 1 # SKIP %s" % sys.argv[2])
        return 0

    fuzzer, corpus, seconds = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    work = tempfile.mkdtemp(prefix="confianza-fuzz-")
    try:
        # New inputs go to the copy, never into the source tree
        found = os.path.join(work, "corpus")
        shutil.copytree(corpus, found)
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=1"
        env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
        result = subprocess.run(
            [fuzzer, "-max_total_time=%d" % seconds, "-rss_limit_mb=2048", "-timeout=5",
             "-max_len=4096", "-seed=20240301", "-print_final_stats=1",
             "-artifact_prefix=%s/" % work, found],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=work,
            timeout=seconds + 120)
        output = result.stdout.decode("utf-8", "replace")
        runs = re.search(r"Done (\d+) runs in (\d+) second", output)
        if result.returncode != 0 or runs is None:
            for line in output.splitlines()[-60:]:
                print("# %s" % line)
            print("not ok 1 - the fuzzer found a problem (status %d)" % result.returncode)
            return 1
        corpus_size = len(os.listdir(found))
        print("ok 1 - %s executions in %s s, no crash, leak or hang; corpus grew to %d inputs"
              % (runs.group(1), runs.group(2), corpus_size))
        print("# fuzz executions: %s" % runs.group(1))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
