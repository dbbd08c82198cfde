ALEXA_DOMAIN = "alexa_media"
DATA_ALEXAMEDIA = "alexa_media"
