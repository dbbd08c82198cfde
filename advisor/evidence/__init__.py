"""Code inference behind `scan --recommend` and `advisor.infer`: what the user's code tells
about the tree's questions, with evidence.

`sources` reads files and notebooks (through the linter's discovery), `scopes` resolves names,
`visitor` gathers evidence per question family, `gather` records it, `weigh` turns it into
inferred answers. The data files in `data/` hold the library, framework and call tables.
Nothing here imports or runs the user's code, and nothing imports the linter's checks.
"""
