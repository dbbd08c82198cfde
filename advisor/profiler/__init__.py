"""`advisor profile -- COMMAND`: measure the user's own program and turn the figures into answers.

`sampler` runs the command as a child and samples its process tree from outside (psutil);
`probe/` is put on the child's PYTHONPATH so a Python child reports GIL waits, event-loop lag
and live tasks from inside; `infer` turns both into answers with evidence.
"""
