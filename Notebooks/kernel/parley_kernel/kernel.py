# SPDX-License-Identifier: GPL-3.0-or-later
"""The Parley kernel: a wrapper kernel that drives one `parley repl --protocol` process.

Each cell's text goes to the child as one `code` request; the child answers with JSON lines
(`display`, `stream`, `error`, then `done`), which become Jupyter `display_data`, `stream` and
`error` messages. Completion and inspection go to the child's `complete` and `inspect`
requests (Tab and Shift-Tab in Jupyter). An interrupt reaches the child as SIGINT: Jupyter
signals the kernel's process group, which holds the child, and the kernel forwards the
signal too when it sees one, so the computation under way stops and the session lives on.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from ipykernel.kernelbase import Kernel

from . import __version__


def find_root(start=None):
    """The Parley checkout holding `start` (default: the working directory), or None."""
    here = Path(start or os.getcwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "Models").is_dir() and (folder / "Package.swift").is_file():
            return folder
    return None


def working_directory():
    """Where the session resolves file names: $PARLEY_DIR, else the checkout the kernel was
    started in (so notebooks name models as `Models/...`, as scripts do), else the cwd."""
    if os.environ.get("PARLEY_DIR"):
        return Path(os.environ["PARLEY_DIR"]).resolve()
    return find_root() or Path(os.getcwd()).resolve()


def parley_binary(root):
    """$PARLEY_BIN, else the newer of the checkout's debug and release builds, else `parley`
    on the PATH."""
    if os.environ.get("PARLEY_BIN"):
        return os.environ["PARLEY_BIN"]
    if root is not None:
        builds = [root / ".build" / kind / "parley" for kind in ("debug", "release")]
        builds = [b for b in builds if b.is_file()]
        if builds:
            return str(max(builds, key=lambda b: b.stat().st_mtime))
    return "parley"


class ChildDied(Exception):
    """The parley process ended; the kernel starts a new one (with a fresh session)."""


class ParleyKernel(Kernel):
    implementation = "parley"
    implementation_version = __version__
    banner = "Parley: an exact game-theory workbench (type 'help' for the commands)"
    language_info = {
        "name": "parley",
        "mimetype": "text/x-parley",
        "file_extension": ".parley",
        "pygments_lexer": "text",
        "codemirror_mode": "shell",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._child = None
        self._next_id = 0
        self._start_child()

    # MARK: - the child process

    def _start_child(self):
        root = working_directory()
        binary = parley_binary(find_root(root) or root)
        self._child = subprocess.Popen(
            [binary, "repl", "--protocol"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=str(root),
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        ready = self._read_reply()
        if ready.get("type") != "ready":
            raise RuntimeError(f"parley did not start its protocol: {ready!r}")
        self.parley_version = ready.get("parley", "?")

    def _read_reply(self):
        """The child's next reply line, parsed; ChildDied at the end of its output."""
        while True:
            line = self._child.stdout.readline()
            if not line:
                raise ChildDied()
            line = line.strip()
            if not line:
                continue
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return {"type": "stream", "name": "stdout", "text": line + "\n"}

    def _request(self, payload):
        """Sends one request and returns its id."""
        if self._child is None or self._child.poll() is not None:
            self._start_child()
        self._next_id += 1
        payload = dict(payload, id=self._next_id)
        self._child.stdin.write(json.dumps(payload) + "\n")
        self._child.stdin.flush()
        return self._next_id

    def _replies(self, request_id):
        """The replies to `request_id`, up to and including the one that ends it.

        A KeyboardInterrupt (Jupyter's SIGINT reaching this process) is passed on to the
        child, and reading goes on: the child answers with an `interrupted` error."""
        while True:
            try:
                reply = self._read_reply()
            except KeyboardInterrupt:
                self.interrupt_child()
                continue
            if reply.get("id") not in (request_id, None):
                continue  # a late answer to an abandoned request
            yield reply
            if reply.get("type") in ("done", "complete", "inspect", "protocol-error"):
                return

    def interrupt_child(self):
        if self._child is not None and self._child.poll() is None:
            self._child.send_signal(signal.SIGINT)

    # MARK: - Jupyter requests

    def do_execute(
        self, code, silent, store_history=True, user_expressions=None, allow_stdin=False,
        **kwargs,
    ):
        error = None
        try:
            request_id = self._request({"code": code})
            for reply in self._replies(request_id):
                kind = reply.get("type")
                if kind == "display" and not silent:
                    self.send_response(
                        self.iopub_socket, "display_data",
                        {"data": reply["data"], "metadata": {}})
                elif kind == "stream" and not silent:
                    self.send_response(
                        self.iopub_socket, "stream",
                        {"name": reply.get("name", "stdout"), "text": reply["text"]})
                elif kind == "error":
                    error = reply
        except ChildDied:
            status = self._child.wait()
            self._child = None
            error = {
                "name": "died", "command": code.strip().splitlines()[-1] if code.strip() else "",
                "message": f"parley ended (status {status}); the next cell starts a new session",
            }
        if error is None:
            return {
                "status": "ok", "execution_count": self.execution_count, "payload": [],
                "user_expressions": {},
            }
        ename = error.get("name", "error")
        evalue = error.get("message", "")
        traceback = [f"{error.get('command', '')}", evalue]
        if not silent:
            self.send_response(
                self.iopub_socket, "error",
                {"ename": ename, "evalue": evalue, "traceback": traceback})
        return {
            "status": "error", "execution_count": self.execution_count, "ename": ename,
            "evalue": evalue, "traceback": traceback,
        }

    def do_complete(self, code, cursor_pos):
        reply = self._simple({"complete": code, "cursor": cursor_pos})
        return {
            "status": "ok",
            "matches": reply.get("matches", []),
            "cursor_start": reply.get("cursor_start", cursor_pos),
            "cursor_end": reply.get("cursor_end", cursor_pos),
            "metadata": {},
        }

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        reply = self._simple({"inspect": code, "cursor": cursor_pos})
        found = bool(reply.get("found"))
        return {
            "status": "ok",
            "found": found,
            "data": {"text/plain": reply.get("text", "")} if found else {},
            "metadata": {},
        }

    def do_is_complete(self, code):
        # A line ending in an odd number of backslashes continues on the next.
        last = code.rstrip("\n").splitlines()[-1] if code.strip() else ""
        trailing = len(last) - len(last.rstrip("\\"))
        if trailing % 2 == 1:
            return {"status": "incomplete", "indent": ""}
        return {"status": "complete"}

    def _simple(self, payload):
        try:
            request_id = self._request(payload)
            for reply in self._replies(request_id):
                if reply.get("type") != "protocol-error":
                    return reply
        except ChildDied:
            self._child = None
        return {}

    def do_shutdown(self, restart):
        if self._child is not None:
            try:
                self._child.stdin.close()
                self._child.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self._child.kill()
            self._child = None
        return {"status": "ok", "restart": restart}


if __name__ == "__main__":
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(kernel_class=ParleyKernel)
    sys.exit(0)
