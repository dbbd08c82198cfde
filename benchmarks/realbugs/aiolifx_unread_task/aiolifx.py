import asyncio


class Device(asyncio.DatagramProtocol):
    def __init__(self, loop, mac_addr, ip_addr):
        self.loop = loop
        self.mac_addr = mac_addr
        self.ip_addr = ip_addr
        self.transport = None
        self.seq = 0

    async def fire_sending(self, msg, num_repeats):
        for _ in range(num_repeats):
            self.transport.sendto(msg, (self.ip_addr, 56700))
            await asyncio.sleep(0.05)

    def fire_and_forget(self, msg, num_repeats=1):
        self.seq = (self.seq + 1) % 256
        xx = self.loop.create_task(self.fire_sending(msg, num_repeats))  # bug
        return True
