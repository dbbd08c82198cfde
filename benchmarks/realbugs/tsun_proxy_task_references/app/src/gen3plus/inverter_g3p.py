"""Inverter of the GEN3PLUS family."""
from gen3plus.solarman_v5 import SolarmanV5
from inverter_base import InverterBase


class InverterG3P(InverterBase):
    def __init__(self, reader, writer):
        self.forward_at_cmd_resp = False
        super().__init__(reader, writer, 'solarman', SolarmanV5)
