"""Modbus client package; also registered with pyserial as a protocol handler package (pollserial://)."""
