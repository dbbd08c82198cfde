"""Solarman V5 protocol: answers of the inverter to AT commands go to MQTT."""
import asyncio
import logging

from proxy import Proxy


class SolarmanV5:
    AT_CMD_RSP = 8

    def __init__(self, inverter, ifc, server_side: bool):
        self.inverter = inverter
        self.ifc = ifc
        self.server_side = server_side
        self.node_id = 'inv1/'

    def publish_mqtt(self, key, data):
        asyncio.ensure_future(Proxy.mqtt.publish(key, data))  # bug

    def msg_command_rsp(self, data: bytes) -> None:
        """called by the read loop for every command response frame"""
        if data[0] == self.AT_CMD_RSP and not self.inverter.forward_at_cmd_resp:
            text = data[14:].decode('utf-8')
            logging.info('at_resp: %s', text)
            self.publish_mqtt(f'{Proxy.entity_prfx}{self.node_id}at_resp', text)
