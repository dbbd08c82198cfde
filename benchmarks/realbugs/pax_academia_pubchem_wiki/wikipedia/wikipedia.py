"""Stand-in for wikipedia.wikipedia: pages load lazily, each property is one more request."""
import requests

API_URL = "https://en.wikipedia.org/w/api.php"


def _wiki_request(params):
    params = {**params, "format": "json", "action": "query"}
    return requests.get(API_URL, params=params, headers={"User-Agent": "wikipedia (stand-in)"}).json()


class WikipediaPage:
    def __init__(self, title):
        data = _wiki_request({"titles": title, "prop": "info", "inprop": "url"})
        info = next(iter(data["query"]["pages"].values()))
        self.title = info["title"]
        self.url = info["fullurl"]
        self.pageid = info["pageid"]

    @property
    def summary(self):
        data = _wiki_request({"prop": "extracts", "explaintext": "", "exintro": "", "pageids": self.pageid})
        return data["query"]["pages"][str(self.pageid)]["extract"]

    @property
    def images(self):
        data = _wiki_request({"generator": "images", "gimlimit": "max", "prop": "imageinfo", "iiprop": "url", "pageids": self.pageid})
        return [page["imageinfo"][0]["url"] for page in data["query"]["pages"].values() if "imageinfo" in page]


def page(title=None, auto_suggest=True):
    return WikipediaPage(title)
