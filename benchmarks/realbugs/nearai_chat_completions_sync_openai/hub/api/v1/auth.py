"""Bearer-token authentication of hub requests."""
from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

bearer = HTTPBearer()


class AuthToken(BaseModel):
    account_id: str
    signature: str
    nonce: str


def revokable_auth(auth: HTTPAuthorizationCredentials = Depends(bearer)) -> AuthToken:
    return AuthToken.model_validate_json(auth.credentials)
