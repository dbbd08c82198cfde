from chargepoint.messages import validate_payload


class ChargePoint:
    async def route_message(self, message):
        validate_payload(message)  # bug
        return await self.handle(message)

    async def handle(self, message):
        return message
