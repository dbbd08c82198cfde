"""FoxESS Modbus integration (stand-in package init)."""
