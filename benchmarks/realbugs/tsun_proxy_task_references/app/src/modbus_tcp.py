"""Client mode: the proxy connects to inverters that have a Modbus TCP port.

Reproduction of the shape fixed in https://github.com/s-allius/tsun-gen3-proxy/pull/475 (merge
commit 7da7d6f15c065bfd54c4e9842ef5a441ee9a50ed, "Save task references"): four places start a task
or future and keep no reference to it, so the loop, which holds tasks only weakly, may let it be
garbage-collected before it finishes: ModbusTcp.__init__ (a plain constructor called by
server.startup_app) starts one modbus_loop per client-mode inverter with loop.create_task;
InverterBase.create_remote (inverter_base.py) starts the cloud connection's client_loop with
asyncio.create_task; server.startup_app starts each listening server with loop.create_task; the plain
method SolarmanV5.publish_mqtt (gen3plus/solarman_v5.py) schedules Proxy.mqtt.publish(...) with
asyncio.ensure_future. The fix kept each in a background_tasks set with a done callback that
discards it; the four lines are marked.
"""
import asyncio
import logging
from itertools import chain

from cnf.config import Config
from gen3plus.inverter_g3p import InverterG3P


class ModbusTcp:
    def __init__(self, loop, tim_restart=10) -> None:
        self.tim_restart = tim_restart
        devices = chain(Config.get('inverters').items(), Config.get('batteries').items())
        for _, inv in devices:
            if isinstance(inv, dict) and 'client_mode' in inv:
                client = inv['client_mode']
                loop.create_task(self.modbus_loop(client['host'], client['port']))  # bug

    async def modbus_loop(self, host, port) -> None:
        """connect, read until the inverter closes, wait, reconnect"""
        while True:
            try:
                reader, writer = await asyncio.open_connection(host, port)
                with InverterG3P(reader, writer) as inverter:
                    await inverter.local.ifc.loop()
            except OSError as error:
                logging.debug('inverter %s:%s: %s', host, port, error)
            await asyncio.sleep(self.tim_restart)
