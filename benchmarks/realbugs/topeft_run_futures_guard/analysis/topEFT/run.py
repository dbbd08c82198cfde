#!/usr/bin/env python
"""Run the topEFT processor over the samples listed in json files, with coffea's futures executor.

Reproduction of the shape reported in https://github.com/TopEFT/topeft/issues/30 ("Crash with Futures
Executor": on macOS, where multiprocessing spawns its workers, each worker re-imports this script
and fails with "An attempt has been made to start a new process before the current process has
finished its bootstrapping phase") and fixed four days later by commit
fed3a53e002a04d20eae2a7ce2b6eaf5f59e3fc6 ("Add guard to run script"), which moved the whole body
under `if __name__ == '__main__':`. The script parses its options and, at module level, calls
coffea's processor.run_uproot_job(..., executor=processor.futures_executor,
executor_args={'workers': nworkers, ...}); futures_executor runs the chunks in a
concurrent.futures.ProcessPoolExecutor (coffea/ is a stand-in for the part of coffea 0.7 used here).
The call line is marked.
"""
import argparse
import gzip
import json
import os
import time

import cloudpickle
from coffea import processor
from coffea.nanoevents import NanoAODSchema

import topeft

parser = argparse.ArgumentParser(description='Run the topEFT analysis processor')
parser.add_argument('jsonFiles', nargs='?', default='', help='comma-separated sample json files')
parser.add_argument('--prefix', '-r', default='', help='redirector prepended to every file name')
parser.add_argument('--nworkers', '-n', default=8, help='number of worker processes')
parser.add_argument('--chunksize', '-s', default=500000, help='events per chunk')
parser.add_argument('--nchunks', '-c', default=None, help='process only this many chunks')
parser.add_argument('--outname', '-o', default='plotsTopEFT', help='output file name')
parser.add_argument('--outpath', '-p', default='histos', help='output folder')
parser.add_argument('--treename', default='Events', help='tree inside the files')
parser.add_argument('--do-errors', action='store_true', help='also save the w**2 coefficients')
args = parser.parse_args()

nworkers = int(args.nworkers)
chunksize = int(args.chunksize)
nchunks = None if args.nchunks is None else int(args.nchunks)

samples = {}
for path in filter(None, args.jsonFiles.replace(' ', '').split(',')):
    name = os.path.basename(path)[: -len('.json')]
    with open(path) as fin:
        samples[name] = json.load(fin)

fileset = {}
for name, sample in samples.items():
    fileset[name] = [args.prefix + f for f in sample['files']]
    sample['year'] = int(sample['year'])
    sample['xsec'] = float(sample['xsec'])
    print('>> %s: %d files, year %d' % (name, len(sample['files']), sample['year']))

wc_names = next(iter(samples.values()))['WCnames'] if samples else []
processor_instance = topeft.AnalysisProcessor(samples, wc_names, args.do_errors)

tstart = time.time()
output = processor.run_uproot_job(fileset, treename=args.treename, processor_instance=processor_instance, executor=processor.futures_executor, executor_args={'schema': NanoAODSchema, 'workers': nworkers}, chunksize=chunksize, maxchunks=nchunks)  # bug
print('Processing time: %1.2f s with %i workers' % (time.time() - tstart, nworkers))

os.makedirs(args.outpath, exist_ok=True)
with gzip.open(os.path.join(args.outpath, args.outname + '.pkl.gz'), 'wb') as fout:
    cloudpickle.dump(output, fout)
