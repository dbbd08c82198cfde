"""Red-DiscordBot v2 chat formatting helpers (stand-in)."""


def box(text, lang=""):
    return "```{}\n{}\n```".format(lang, text)


def warning(text):
    return "\N{WARNING SIGN} {}".format(text)


def pagify(text, page_length=1990):
    while text:
        yield text[:page_length]
        text = text[page_length:]
