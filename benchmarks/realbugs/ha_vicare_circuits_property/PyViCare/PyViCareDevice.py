"""Stand-in for PyViCare's device classes: the circuits property queries the API."""
from .PyViCareService import ViCareService
from .PyViCareUtils import PyViCareNotSupportedFeatureError


class HeatingCircuit:
    def __init__(self, device: "Device", circuit_id: str):
        self.device = device
        self.id = circuit_id


class Device:
    def __init__(self, service: ViCareService):
        self.service = service

    @property
    def circuits(self) -> list[HeatingCircuit]:
        enabled = self.service.getProperty("heating.circuits")["properties"]["enabled"]["value"]
        if not enabled:
            raise PyViCareNotSupportedFeatureError("heating.circuits")
        return [HeatingCircuit(self, x) for x in enabled]


class GazBoiler(Device):
    pass


class HeatPump(Device):
    pass


class DeviceConfig:
    def __init__(self, service: ViCareService, model: str):
        self.service = service
        self.model = model

    def getModel(self) -> str:
        return self.model

    def asGazBoiler(self) -> GazBoiler:
        return GazBoiler(self.service)

    def asHeatPump(self) -> HeatPump:
        return HeatPump(self.service)
