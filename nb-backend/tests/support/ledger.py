"""`nb check-ledger` as an operator runs it: every balance must equal its ledger sum."""

import os
import subprocess
import sys


def check_ledger(database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run([sys.executable, "-m", "nb", "check-ledger"], env=env, capture_output=True, text=True)
