"""Named pause points for tests that interrupt a process at a known stage.

A test sets ``GOVERNANCE_TEST_PAUSE_AT`` to a stage (``parse``, in the child process
that parses an upload; ``validate``, ``write``, ``commit``, ``committed``, or ``remove``: a
removal of the demo written, not yet committed) and
``GOVERNANCE_TEST_PAUSE_FILE`` to a path; the process writes the file when it reaches that
stage and then waits there until it is killed. Where a kill lands is then a matter of
code, not of how fast the machine is. Without the variables this does nothing.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

STAGES = ("parse", "validate", "write", "commit", "committed", "remove")


def at(stage: str) -> None:
    """Pause here if the environment asks for ``stage``."""
    if os.environ.get("GOVERNANCE_TEST_PAUSE_AT") != stage:
        return
    marker = os.environ.get("GOVERNANCE_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(stage)
    while True:  # until the test kills the process
        signal.pause()
