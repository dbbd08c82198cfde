from homeassistant.exceptions import HomeAssistantError


class InvalidSubAdminSeed(HomeAssistantError):
    pass


class InvalidSubOwnerAddress(HomeAssistantError):
    pass


class NoSubscription(HomeAssistantError):
    pass


class ControllerNotInDevices(HomeAssistantError):
    pass
