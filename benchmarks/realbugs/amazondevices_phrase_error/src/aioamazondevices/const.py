"""Constants of an Amazon Alexa API client (reproduction, see api.py)."""
HTTP_ERROR_199 = 199
HTTP_ERROR_299 = 299
URI_SIGNIN = "/ap/signin"
SAVE_PATH = "out"
HTML_EXTENSION = ".html"
DEFAULT_HEADERS = {"User-Agent": "AmazonWebView/Amazon Alexa"}
