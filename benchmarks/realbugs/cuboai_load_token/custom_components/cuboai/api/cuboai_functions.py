import json

import requests

from custom_components.cuboai.utils import log_to_file

ACCESS_TOKEN_FILE = "/config/cuboai_access_token.json"
REFRESH_TOKEN_FILE = "/config/cuboai_refresh_token.json"


def save_access_token(access_token):
    try:
        with open(ACCESS_TOKEN_FILE, "w", encoding="utf-8") as f:
            json.dump({"access_token": access_token}, f)
    except Exception as e:
        log_to_file(f"Failed to save access_token: {e}")


def load_access_token():
    try:
        with open(ACCESS_TOKEN_FILE, "r", encoding="utf-8") as f:  # bug
            data = json.load(f)
            return data.get("access_token")
    except Exception:
        return None


def save_refresh_token(refresh_token):
    try:
        with open(REFRESH_TOKEN_FILE, "w", encoding="utf-8") as f:
            json.dump({"refresh_token": refresh_token}, f)
    except Exception as e:
        log_to_file(f"Failed to save refresh_token: {e}")


def load_refresh_token():
    try:
        with open(REFRESH_TOKEN_FILE, "r", encoding="utf-8") as f:
            return json.load(f).get("refresh_token")
    except Exception:
        return None


def refresh_access_token_only(refresh_token, user_agent):
    response = requests.post(
        "https://mobile-api.getcubo.com/v1/oauth/token",
        headers={"x-refresh-authorization": f"Bearer {refresh_token}", "User-Agent": user_agent},
    )
    response.raise_for_status()
    data = response.json()
    return data["access_token"], data.get("refresh_token", refresh_token), data
