import argparse
import multiprocessing

import requests

parser = argparse.ArgumentParser()
parser.add_argument("-t", "--target")
args = parser.parse_args()


def do_request(url):
    return requests.get(url, timeout=10).status_code


def main():
    for path in ("/admin", "/%2e/admin"):
        print(path, do_request(args.target + path))


processes = []
for _ in range(1):
    process = multiprocessing.Process(target=main)  # bug
    process.start()
    processes.append(process)
for process in processes:
    process.join()
