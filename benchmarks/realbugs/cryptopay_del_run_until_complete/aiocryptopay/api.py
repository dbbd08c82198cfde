"""Crypto Pay API methods (reproduction, see base.py)."""
from hmac import HMAC
from hashlib import sha256

from aiohttp.web import Response
from aiohttp.web_request import Request

from .base import BaseClient


class AioCryptoPay(BaseClient):
    def __init__(self, token: str, network: str = 'https://pay.crypt.bot') -> None:
        super().__init__()
        self.__token = token
        self.__headers = {'Crypto-Pay-API-Token': token}
        self.network = network

    async def get_me(self) -> dict:
        url = f'{self.network}/api/getMe'
        response = await self._make_request(method='GET', url=url, headers=self.__headers)
        return response['result']

    async def create_invoice(self, asset: str, amount: float) -> dict:
        url = f'{self.network}/api/createInvoice'
        params = {'asset': asset, 'amount': amount}
        response = await self._make_request(method='GET', url=url, params=params, headers=self.__headers)
        return response['result']

    def _check_signature(self, body_text: str, signature: str) -> bool:
        secret = sha256(self.__token.encode()).digest()
        return HMAC(secret, body_text.encode(), sha256).hexdigest() == signature

    async def get_updates(self, request: Request) -> Response:
        body = await request.json()
        if self._check_signature(await request.text(), request.headers.get('crypto-pay-api-signature', '')):
            return Response(text='ok')
        return Response(status=403)
