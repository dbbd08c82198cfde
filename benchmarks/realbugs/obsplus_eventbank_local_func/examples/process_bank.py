"""Filling a bank with a process pool, as the report did (reproduction, see obsplus/bank/eventbank.py)."""
from concurrent.futures import ProcessPoolExecutor

from obspy.clients.fdsn import Client

from obsplus.bank.eventbank import EventBank


def main():
    cat = Client("GEONET").get_events(eventid="2020p136748")
    bank = EventBank("events", executor=ProcessPoolExecutor())
    bank.put_events(cat)


if __name__ == "__main__":
    main()
