"""AWS Cognito authentication of an air-conditioner cloud integration.

Reproduction of the shape reported in https://github.com/doubleukay/godaikin-ha/issues/3 ("Detected
blocking call to listdir") and fixed in commit e7c490d ("Refactor from aiobotocore to vanilla
boto3. fixes #3"): each async token call builds an aiobotocore client with
`async with self.session.create_client(...)`; building the client loads botocore's service model
files from disk (os.listdir, open) on the event loop. The fix moved the whole token path into a
worker thread with boto3.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime as dt, timedelta

from aiobotocore.session import get_session

REGION = "ap-southeast-1"
CLIENT_ID = "example-client-id"
EXPIRY_BUFFER = timedelta(minutes=5)

_LOGGER = logging.getLogger(__name__)


@dataclass
class CognitoToken:
    access_token: str
    id_token: str
    refresh_token: str
    expires_at: dt


class AuthError(Exception):
    pass


class AuthClient:
    def __init__(self, username: str, password: str):
        self.username = username
        self.password = password
        self.session = get_session()
        self.token: CognitoToken | None = None

    async def get_jwt_token(self) -> str:
        if not self.token:
            self.token = await self.init_cognito_token()
        if self.token.expires_at <= dt.now() + EXPIRY_BUFFER:
            self.token = await self.refresh_jwt_token(self.token)
        return self.token.id_token

    async def init_cognito_token(self) -> CognitoToken:
        async with self.session.create_client("cognito-idp", region_name=REGION) as cognito:  # bug
            resp = await cognito.initiate_auth(
                ClientId=CLIENT_ID,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": self.username, "PASSWORD": self.password},
            )
            return self._token_from(resp, refresh_token=None)

    async def refresh_jwt_token(self, token: CognitoToken) -> CognitoToken:
        async with self.session.create_client("cognito-idp", region_name=REGION) as cognito:  # bug
            resp = await cognito.initiate_auth(
                ClientId=CLIENT_ID,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": token.refresh_token},
            )
            return self._token_from(resp, refresh_token=token.refresh_token)

    @staticmethod
    def _token_from(resp: dict, refresh_token: str | None) -> CognitoToken:
        auth = resp.get("AuthenticationResult")
        if not auth:
            raise AuthError("Did not receive AuthenticationResult")
        return CognitoToken(
            access_token=auth["AccessToken"],
            id_token=auth["IdToken"],
            refresh_token=auth.get("RefreshToken", refresh_token),
            expires_at=dt.now() + timedelta(seconds=auth["ExpiresIn"]),
        )
