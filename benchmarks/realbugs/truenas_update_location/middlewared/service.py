def private(fn):
    fn._private = True
    return fn


class ServiceBase(type):
    def __new__(cls, name, bases, attrs):
        return super().__new__(cls, name, bases, attrs)


class Service(object, metaclass=ServiceBase):
    def __init__(self, middleware):
        self.middleware = middleware
