"""Authentication of the Sensi integration (reproduction, see coordinator.py)."""
from dataclasses import dataclass


@dataclass
class AuthenticationConfig:
    access_token: str


async def refresh_access_token(hass) -> AuthenticationConfig:
    return AuthenticationConfig(hass.data["sensi_token"])
