"""A MatterBot module: `process` is plain and looks the URL up over HTTP."""
import requests

from urlscan import defaults as settings


def process(command, channel, username, params, files, conn):
    messages = []
    for url in params:
        response = requests.get(settings.APIURL + "search/", params={"q": url}, timeout=settings.TIMEOUT)
        hits = response.json().get("results", [])
        messages.append({"text": f"{url}: {len(hits)} scan(s) found"})
    return {"messages": messages}
