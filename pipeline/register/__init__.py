"""Register of extracted documents and their findings, with lineage, history and a publishing outbox.

    with open_register("sqlite:///outputs/findings.sqlite") as reg:
        run_id = reg.start_run("extract", {"corpus": "corpora"})
        reg.record_document(output, run_id=run_id)   # 'inserted' | 'superseded' | 'unchanged'
        reg.finish_run(run_id, {"documents": 1})
"""

from .db import DEFAULT_DB_URL, RegisterError, redact_url, resolve_db_url
from .load import load_directory
from .outbox import Pending
from .store import Register, open_register

__all__ = ["DEFAULT_DB_URL", "Pending", "Register", "RegisterError", "load_directory", "open_register",
           "redact_url", "resolve_db_url"]
