"""The promise audit: break each promise in a throwaway copy and see whether the tests notice.

    scripts/audit-tests [--jobs 2] [--only NAME ...] [--report docs/promise-audit.md]

For each breakage in tests/audit/breakages.py: copy the committed tree (git archive of HEAD plus
uncommitted changes to tracked files), apply the one replacement, run the named tests with -x,
and call it caught if they fail. Prints one line per breakage and, at the end, the ones the suite
did not catch; exits 1 if any was not caught or no longer applies. Slow (a few minutes): not part
of scripts/test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.audit.breakages import BREAKAGES, PROMISES, Breakage

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    breakage: Breakage
    verdict: str  # caught | NOT CAUGHT | stale
    seconds: float
    detail: str = ""


def copy_tree(target: Path) -> None:
    """The tracked files as they are in the work tree, plus the shared .venv and node_modules."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    for shared in (".venv", "node_modules"):
        if (ROOT / shared).exists():
            (target / shared).symlink_to((ROOT / shared).resolve())


def run_tests(tree: Path, tests) -> subprocess.CompletedProcess:
    # A missing browser or server must fail the named tests, never skip them into "not caught".
    env = {**os.environ, "TOOLKIT_REQUIRE_BROWSER": os.environ.get("TOOLKIT_REQUIRE_BROWSER", "1"),
           "TOOLKIT_REQUIRE_SERVERS": os.environ.get("TOOLKIT_REQUIRE_SERVERS", "1")}
    env.pop("PYTHONPATH", None)
    return subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                          cwd=tree, capture_output=True, text=True, env=env)


def last_line(run: subprocess.CompletedProcess) -> str:
    return (run.stdout.strip().splitlines() or [""])[-1]


def audit(breakage: Breakage) -> Outcome:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"audit-{breakage.name}-") as folder:
        tree = Path(folder)
        copy_tree(tree)
        path = tree / breakage.file
        text = path.read_text(encoding="utf-8")
        if text.count(breakage.old) != 1:
            return Outcome(breakage, "stale", 0.0, f"the text to break is not once in {breakage.file}")
        path.write_text(text.replace(breakage.old, breakage.new), encoding="utf-8")
        run = run_tests(tree, breakage.tests)
        verdict = "caught" if run.returncode not in (0, 5) else "NOT CAUGHT"
        return Outcome(breakage, verdict, time.perf_counter() - started, last_line(run))


def baseline(chosen: list[Breakage]) -> subprocess.CompletedProcess:
    """Every named test on the unbroken copy: a breakage only counts as caught if these pass first."""
    tests = sorted({test for b in chosen for test in b.tests})
    with tempfile.TemporaryDirectory(prefix="audit-baseline-") as folder:
        copy_tree(Path(folder))
        return run_tests(Path(folder), tests)


def commit() -> str:
    """The commit the copies were made from, and whether tracked files had uncommitted changes."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=ROOT).returncode != 0
    return head.strip() + (" plus uncommitted changes" if dirty else "")


def report_markdown(outcomes: list[Outcome], took: float, command: str, at: str, planned: int) -> str:
    """The audit's result: per promise, the breakages tried and the tests that pin it; then per breakage.

    Written again after each breakage, so that a run stopped part way still says what it found.
    """
    count = {verdict: sum(o.verdict == verdict for o in outcomes) for verdict in ("caught", "NOT CAUGHT", "stale")}
    lines = [
        "# Promise audit",
        "",
        "Written by `scripts/audit-tests --report docs/promise-audit.md`: each README promise broken on purpose, "
        "one breakage at a time, in a throwaway copy of the project (tests/audit/breakages.py), and the tests "
        "that must notice run against it.",
        "",
        f"Last run: {dt.date.today().isoformat()}, at {at}, `{command}`: {len(outcomes)} breakages in "
        f"{took / 60:.1f} min; {count['caught']} caught, {count['NOT CAUGHT']} not caught, {count['stale']} stale."
        + (f" Stopped part way: {planned - len(outcomes)} of the {planned} breakages chosen were not run."
           if len(outcomes) < planned else ""),
        "",
        "## Each promise and the tests that pin it",
        "",
        "| promise | breakages (verdict) | tests that fail when it breaks |",
        "|---|---|---|",
    ]
    for promise in PROMISES:
        tried = [o for o in outcomes if o.breakage.promise == promise]
        if not tried:
            continue
        tests = sorted({t for o in tried for t in o.breakage.tests})
        lines.append(f"| {promise} | {', '.join(f'`{o.breakage.name}` ({o.verdict})' for o in tried)} | "
                     f"{', '.join(f'`{t}`' for t in tests)} |")
    skipped = [b.name for b in BREAKAGES if b.name not in {o.breakage.name for o in outcomes}]
    if skipped:
        lines += ["", f"Not run in this pass: {', '.join(f'`{name}`' for name in skipped)}."]
    lines += ["", "## Each breakage", "", "| breakage | promise | verdict | seconds | tests |", "|---|---|---|---|---|"]
    for outcome in outcomes:
        b = outcome.breakage
        lines.append(f"| `{b.name}` | {b.promise} | {outcome.verdict} | {outcome.seconds:.0f} | "
                     f"{', '.join(f'`{t}`' for t in b.tests)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/audit-tests", description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="breakages tried at once (default 2)")
    parser.add_argument("--only", nargs="*", default=[], help="names of breakages to try")
    parser.add_argument("--report", type=Path, help="write the results as Markdown to this file")
    args = parser.parse_args(argv)
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Started in the background (nohup, `&`): SIGINT is ignored and every child would inherit that,
        # so the Ctrl-C tests would fail on unbroken code. A handler, unlike SIG_IGN, is reset by exec.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    unknown = sorted(set(args.only) - {b.name for b in BREAKAGES})
    if unknown:
        parser.error(f"no breakage named {', '.join(unknown)}")
    chosen = [b for b in BREAKAGES if not args.only or b.name in args.only]
    command = " ".join(["scripts/audit-tests", *(argv if argv is not None else sys.argv[1:])])
    at = commit()
    started = time.perf_counter()
    unbroken = baseline(chosen)
    if unbroken.returncode != 0:
        print(f"The named tests fail on the unbroken code ({last_line(unbroken)}): fix that first.\n"
              + unbroken.stdout[-3000:])
        return 2
    print(f"Baseline: the named tests pass on the unbroken code ({last_line(unbroken)}).", flush=True)
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for outcome in pool.map(audit, chosen):
            outcomes.append(outcome)
            print(f"{outcome.verdict:>10}  {outcome.breakage.name}  ({outcome.seconds:.0f} s)  {outcome.detail}",
                  flush=True)
            if args.report:
                args.report.write_text(report_markdown(outcomes, time.perf_counter() - started, command, at,
                                                       len(chosen)), encoding="utf-8")
    took = time.perf_counter() - started
    missed = [o for o in outcomes if o.verdict != "caught"]
    print(f"\n{len(outcomes) - len(missed)} of {len(outcomes)} breakages caught in {took / 60:.1f} min.")
    for outcome in missed:
        print(f"  {outcome.verdict}: {outcome.breakage.name} ({outcome.breakage.promise})")
    if args.report:
        args.report.write_text(report_markdown(outcomes, took, command, at, len(chosen)), encoding="utf-8")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
