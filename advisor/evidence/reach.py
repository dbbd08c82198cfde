"""What the walk records for the main path (issue 19, cause 2): units, imports, calls and
references, classes and their bases, main guards, framework apps. The graph is resolved once
every file is read (`advisor.evidence.mainpath.main_path`); nothing here decides.

Names are read by what they are, never by their spelling alone: a call's target is a function
the file defines or imports, ``self.m`` in a class, a method of a local whose class the code
says (``db = Database()``), or, for a receiver of unknown type, just the method's name (which
reaches that method only in classes the path already uses).

The handlers live in one module per job, and this module imports them in the order they run:
a node's handlers run in the order they registered (`advisor.evidence.walk.register`), and two
handlers of one node type (``references`` and ``module_assign`` for an assignment, ``lookup``
and ``call`` for a call) must keep the order they had when they shared one file. Shared helpers:
`reach_places` (where a node stands), `reach_targets` (what a name names).
"""

from __future__ import annotations

# isort: off
from advisor.evidence import reach_tables, reach_modules, reach_defs, reach_calls
# isort: on

#: The recording handlers' modules, in the order their handlers run (do not sort).
PARTS = (reach_tables, reach_modules, reach_defs, reach_calls)
