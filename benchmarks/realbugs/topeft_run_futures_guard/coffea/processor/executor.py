import concurrent.futures
from functools import partial


def _work_function(item, processor_instance, treename, schema):
    fileName, start, stop = item
    return processor_instance.process((fileName, treename, start, stop, schema))


def iterative_executor(items, function, accumulator, **kwargs):
    for item in items:
        accumulator.add(function(item))
    return accumulator


def futures_executor(items, function, accumulator, workers=1, **kwargs):
    """Run ``function`` over ``items`` in a pool of worker processes."""
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as executor:
        futures = {executor.submit(function, item) for item in items}
        for future in concurrent.futures.as_completed(futures):
            accumulator.add(future.result())
    return accumulator


def _chunks(fileset, chunksize, maxchunks):
    for dataset, files in fileset.items():
        for fileName in files:
            nchunk = 0
            for start in range(0, 10 * chunksize, chunksize):
                if maxchunks is not None and nchunk >= maxchunks:
                    break
                nchunk += 1
                yield (fileName, start, start + chunksize)


def run_uproot_job(fileset, treename, processor_instance, executor, executor_args=None,
                   chunksize=100000, maxchunks=None):
    executor_args = dict(executor_args or {})
    schema = executor_args.pop("schema", None)
    executor_args.pop("pre_workers", None)
    items = list(_chunks(fileset, chunksize, maxchunks))
    accumulator = processor_instance.accumulator.identity()

    function = partial(_work_function, processor_instance=processor_instance,
                       treename=treename, schema=schema)
    return executor(items, function, accumulator, **executor_args)
