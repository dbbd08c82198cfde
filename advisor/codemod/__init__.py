"""The codemod behind `advisor convert`: the chapter's threading-to-asyncio patterns on libcst.

One module per conversion rule (threads ADV201, sleep ADV202, pools ADV203, sync_calls ADV204,
entry ADV205), the analysis that decides what can be awaited and what must be refused, the
transformer that applies the decisions, and `apply` (diff / write / check). Which calls block is
the linter's table, and every output is checked with the linter's own checks
(`lint.analyse.check_text`), so scan and convert cannot disagree. The public entry is
`advisor.convert` (in `advisor.api`).
"""
