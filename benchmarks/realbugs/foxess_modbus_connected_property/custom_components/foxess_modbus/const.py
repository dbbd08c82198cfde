SERIAL = "serial"
TCP = "tcp"
UDP = "udp"
RTU_OVER_TCP = "rtu_over_tcp"
