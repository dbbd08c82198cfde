"""Command line of a subdomain enumeration tool (reproduction, see ../handler.py)."""
import argparse


def cli():
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-d", "--domain")
    parser.add_argument("-dL", "--domain-list")
    parser.add_argument("-s", "--silent", action="store_true")
    parser.add_argument("-nc", "--no-color", action="store_true")
    return parser.parse_args()
