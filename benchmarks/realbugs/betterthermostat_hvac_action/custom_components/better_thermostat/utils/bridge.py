"""Adapters to the thermostat models."""


async def set_temperature(self, entity_id, temperature):
    await self.hass.services.async_call(
        "climate", "set_temperature", {"entity_id": entity_id, "temperature": temperature}, blocking=True, context=self.context
    )


async def set_hvac_mode(self, entity_id, hvac_mode):
    await self.hass.services.async_call(
        "climate", "set_hvac_mode", {"entity_id": entity_id, "hvac_mode": hvac_mode}, blocking=True, context=self.context
    )
