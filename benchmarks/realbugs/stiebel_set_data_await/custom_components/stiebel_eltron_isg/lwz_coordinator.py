from .coordinator import StiebelEltronModbusDataCoordinator

OPERATION_MODE = "operation_mode"


class StiebelEltronModbusLWZDataCoordinator(StiebelEltronModbusDataCoordinator):
    async def set_data(self, key, value) -> None:
        if key == OPERATION_MODE:
            await self.write_register(address=1000, value=value, slave=1)
