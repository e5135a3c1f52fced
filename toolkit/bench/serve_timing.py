"""How long the live preview takes to show an edit: from saving a module's body.md to the
server sending the changed page. (A page open in a browser asks for the new build every
0.25 s, so a reader sees it up to a quarter of a second later.)"""

from __future__ import annotations

import queue
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

EDITS = 3  # one above 200 modules: after each edit the preview runs every check again, which takes a while
TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PreviewProcess:
    """`toolkit serve` in a child process, with its output read line by line."""

    def __init__(self, project: Path, root: Path, edition: str = "public"):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "toolkit", "serve", "--root", str(project), "--edition", edition,
             "--port", str(self.port)],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []  # every line printed so far, waited for or not
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.seen.append(line)
            self.lines.put(line)

    def wait_for(self, words: str, timeout: float = TIMEOUT) -> str:
        """Wait until the preview prints a line containing `words`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    raise RuntimeError("the preview stopped") from None
                continue
            if words in line:
                return line
        raise TimeoutError(f"the preview did not print '{words}' within {timeout:.0f} s")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=TIMEOUT) as answer:
            return answer.read().decode("utf-8")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=15)  # it ends with the output
        if self.process.stdout is not None:
            self.process.stdout.close()


def edit_and_wait(preview: PreviewProcess, body: Path, page: str, sentence: str) -> float:
    """Append `sentence` to a body.md; seconds until the preview has a new build whose page contains it."""
    build = preview.get("__preview__/build")
    started = time.perf_counter()
    body.write_text(body.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    while preview.get("__preview__/build") == build or sentence not in preview.get(page):
        if time.perf_counter() - started > TIMEOUT:
            raise TimeoutError(f"the preview did not show the edit to {body} within {TIMEOUT:.0f} s")
        time.sleep(0.01)
    return time.perf_counter() - started


def time_preview_edit(project: Path, module: str, root: Path, *, edits: int = EDITS) -> float:
    """Median seconds, over a few edits to one module, for the preview to serve the edited page."""
    preview = PreviewProcess(project, root)
    try:
        preview.wait_for("Preview of the")
        body = project / "content" / "modules" / module / "body.md"
        seconds = []
        for word in ("apple", "birch", "cedar")[:edits]:
            seconds.append(edit_and_wait(preview, body, f"modules/{module}.html", f"The {word} tree is calm."))
            preview.wait_for("Rebuilt")  # the checks after the rebuild have finished too
    finally:
        preview.stop()
    return round(statistics.median(seconds), 3)
