"""`advisor bench`: the concurrency models raced on this machine, and the chapter's claims measured.

Everything that runs a model does so in a child process started by `runner`, so a run's
memory can be measured as the RSS of its process tree, and an interrupt can end the whole
tree. psutil is imported only inside this package (and `advisor.profiler`), never by
`import advisor`.
"""
