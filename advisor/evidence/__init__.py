"""Code inference behind `scan --recommend` and `advisor.infer`: what the user's code tells
about the tree's questions, with evidence.

`sources` reads files and notebooks (through the linter's discovery and notebook reader),
`scopes` resolves names (through the linter's resolver, `advisor.lint.names`), `walk` visits each
file once for the question families `libraries`, `programs`, `shared_state` and `cpu` (put
together, in order, by `visitor`), `loops` finds pure-Python computing, `gather` records the
evidence and `weigh` turns it into inferred answers. `tables` is the one loader of the tables in
`data/` (libraries, frameworks, native code, calls, reasons). Nothing here imports or runs the
user's code, and nothing imports the linter's checks; the linter never imports this package.
"""
