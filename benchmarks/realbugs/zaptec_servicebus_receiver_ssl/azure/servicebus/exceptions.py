class ServiceBusError(Exception):
    pass
