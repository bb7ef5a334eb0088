# SPDX-License-Identifier: GPL-3.0-or-later
"""The Parley Jupyter kernel over the real Jupyter protocol (jupyter_client): execute,
complete, inspect, an error cell, and an interrupt during a long computation.

Run: .venv/bin/python -m unittest discover -s Tests/Kernel -v
"""

import queue
import time
import unittest

import support  # noqa: F401  (sets JUPYTER_PATH)
from jupyter_client.manager import start_new_kernel


class KernelTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.manager, cls.client = start_new_kernel(kernel_name="parley", startup_timeout=60)

    @classmethod
    def tearDownClass(cls):
        cls.client.stop_channels()
        cls.manager.shutdown_kernel(now=True)

    def execute(self, code, timeout=120):
        """Runs `code`; returns the shell reply's content and the cell's iopub messages."""
        msg_id = self.client.execute(code)
        reply = self.client.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.client.get_shell_msg(timeout=timeout)
        outputs = []
        while True:
            msg = self.client.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] in ("display_data", "stream", "error", "execute_result"):
                outputs.append(msg)
        return reply["content"], outputs

    def test_execute_shows_text_and_an_html_table(self):
        reply, outputs = self.execute(
            "load Models/games/battle-of-the-sexes.nfg as bos\nsolve bos")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([m["msg_type"] for m in outputs], ["display_data", "display_data"])
        self.assertIn("bos: strategic form 2x2", outputs[0]["content"]["data"]["text/plain"])
        table = outputs[1]["content"]["data"]
        self.assertIn("<table>", table["text/html"])
        self.assertIn("<td style=\"text-align: right\">2/3</td>", table["text/html"])
        self.assertIn("3 equilibria", table["text/plain"])

    def test_the_session_persists_between_cells(self):
        self.execute("load Models/games/stag-hunt.nfg as hunt")
        reply, outputs = self.execute("list")
        self.assertEqual(reply["status"], "ok")
        self.assertIn("hunt", outputs[0]["content"]["data"]["text/plain"])

    def test_a_figure_is_inline_svg(self):
        reply, outputs = self.execute(
            "bargain Models/bargaining/partners.txt --figure svg")
        self.assertEqual(reply["status"], "ok")
        data = outputs[-1]["content"]["data"]
        self.assertIn("<svg", data["image/svg+xml"])
        self.assertTrue(data["text/plain"].startswith("[figure: "))

    def test_an_error_cell_is_a_jupyter_error_and_stops_the_cell(self):
        reply, outputs = self.execute("solve Models/games/no-such-game.nfg\nlist")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "error")
        self.assertIn("no-such-game.nfg", reply["evalue"])
        errors = [m for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertIn("solve Models/games/no-such-game.nfg", errors[0]["content"]["traceback"][0])
        # `list` did not run after the failure.
        self.assertEqual([m["msg_type"] for m in outputs], ["error"])

    def test_complete_offers_options_and_model_names(self):
        self.execute("load Models/games/chicken.nfg as chicken")
        self.client.complete("solve --meth", 12)
        content = self.client.get_shell_msg(timeout=30)["content"]
        self.assertEqual(content["matches"], ["--method"])
        self.assertEqual((content["cursor_start"], content["cursor_end"]), (6, 12))
        self.client.complete("use chi", 7)
        content = self.client.get_shell_msg(timeout=30)["content"]
        self.assertIn("chicken", content["matches"])

    def test_inspect_shows_the_command_help(self):
        self.client.inspect("sweep Models/negotiation/six-party-talks.yaml", 3)
        content = self.client.get_shell_msg(timeout=30)["content"]
        self.assertTrue(content["found"])
        self.assertIn("--param", content["data"]["text/plain"])
        self.assertIn("EXAMPLE:", content["data"]["text/plain"])
        self.client.inspect("frobnicate", 3)
        self.assertFalse(self.client.get_shell_msg(timeout=30)["content"]["found"])

    def test_interrupt_stops_a_long_computation_and_the_session_survives(self):
        self.execute("set decimals 3")
        # Thousands of exact multilateral bargaining solves: minutes of work if not stopped.
        msg_id = self.client.execute(
            "sample Models/negotiation/six-party-talks.yaml 5000 --seed 3 --framework unanimity")
        time.sleep(3)
        started = time.monotonic()
        self.manager.interrupt_kernel()
        reply = self.client.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.client.get_shell_msg(timeout=60)
        self.assertLess(time.monotonic() - started, 60)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "interrupted")
        # Drain the interrupted cell's messages, then the session is still there.
        try:
            while True:
                self.client.get_iopub_msg(timeout=1)
        except queue.Empty:
            pass
        reply, outputs = self.execute("show params")
        self.assertEqual(reply["status"], "ok")
        self.assertIn("decimals", outputs[0]["content"]["data"]["text/plain"])
        self.assertIn("3", outputs[0]["content"]["data"]["text/plain"])


if __name__ == "__main__":
    unittest.main()
