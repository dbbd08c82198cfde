"""The linter behind `advisor scan`: discovery, `[tool.advisor]`, the process pool and cache,
one ast visitor per rule family (`checks/`), noqa, and the cross-file pass.

The public entry is `advisor.scan` (in `advisor.api`); `lint.pipeline.scan` is the pipeline.
"""
