import multiprocessing
import os


class Dejavu:
    def __init__(self, config):
        self.config = config
        self.limit = config.get("fingerprint_limit")

    def fingerprint_directory(self, path, extensions, nprocesses=None):
        try:
            nprocesses = nprocesses or multiprocessing.cpu_count()
        except NotImplementedError:
            nprocesses = 1
        else:
            nprocesses = 1 if nprocesses <= 0 else nprocesses
        pool = multiprocessing.Pool(nprocesses)
        filenames = [
            os.path.join(path, name) for name in os.listdir(path) if name.endswith(tuple(extensions))
        ]
        worker_input = zip(filenames, [self.limit] * len(filenames))
        for result in pool.imap_unordered(_fingerprint_worker, worker_input):
            print(result)
        pool.close()
        pool.join()

    def recognize(self, recognizer, *options):
        return recognizer(self).recognize(*options)


def _fingerprint_worker(args):
    filename, limit = args
    return filename, limit
