import multiprocessing


def _worker(func, tasks, results):
    for index, item in iter(tasks.get, (None, None)):
        results.put((index, func(item)))


def parmap(f, X, nprocs=multiprocessing.cpu_count()):
    """Map f over X with nprocs worker processes fed by a queue; f is sent to every worker."""
    tasks, results = multiprocessing.Queue(1), multiprocessing.Queue()
    workers = [multiprocessing.Process(target=_worker, args=(f, tasks, results), daemon=True) for _ in range(nprocs)]
    for w in workers:
        w.start()
    items = list(X)
    for pair in enumerate(items):
        tasks.put(pair)
    for _ in workers:
        tasks.put((None, None))
    out = dict(results.get() for _ in items)
    for w in workers:
        w.join()
    return [out[i] for i in range(len(items))]
