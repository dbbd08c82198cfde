from uuid import UUID

from sqlmodel import Field, SQLModel


class UserPasswordTable(SQLModel, table=True):
    id: UUID = Field(primary_key=True)
    email: str
    display_name: str = ""


class SsoUserTable(SQLModel, table=True):
    user_id: UUID = Field(primary_key=True)
    email: str
    display_name: str = ""
