from maasservicelayer.models.users import User
from maasservicelayer.services.base import BaseService


class UsersService(BaseService[User]):
    pass
