"""Quart app: health routes, start-up and shut-down of the proxy."""
import asyncio
import logging

from quart import Quart, Response

from gen3plus.inverter_g3p import InverterG3P
from modbus_tcp import ModbusTcp
from proxy import Proxy

app = Quart(__name__)
connections = []


@app.route('/-/ready')
async def ready():
    return Response(status=200, response='Is ready')


async def handle_client(reader, writer, inv_class):
    """one connection from an inverter"""
    with inv_class(reader, writer) as inv:
        connections.append(inv)
        await inv.local.ifc.server_loop()
        connections.remove(inv)


@app.before_serving
async def startup_app():
    loop = asyncio.get_event_loop()  # also
    Proxy.class_init()
    ModbusTcp(loop)
    for inv_class, port in [(InverterG3P, 10000)]:
        logging.info('listen on port %d', port)
        loop.create_task(asyncio.start_server(  # bug
            lambda r, w, i=inv_class: handle_client(r, w, i), '0.0.0.0', port))


@app.after_serving
async def handle_shutdown():
    for inv in list(connections):
        await inv.disc()
    await Proxy.class_close()


if __name__ == '__main__':
    app.run(host='0.0.0.0', port=8127)
