BINDS = ["@urlscan"]
HELP = {"DEFAULT": {"desc": "Look a URL up on urlscan.io"}}
APIURL = "https://urlscan.io/api/v1/"
TIMEOUT = 10
