DOMAIN = "yandex_station"
DATA_CONFIG = "config"
