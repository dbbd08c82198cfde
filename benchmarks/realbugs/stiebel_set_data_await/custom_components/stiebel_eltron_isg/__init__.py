"""The Stiebel Eltron ISG integration (its set-up is left out: not part of the bug)."""
