URL_UFIND_API = "https://m-ufind.univie.ac.at"
TIMEOUT_USER_SELECTION = 15
