from sqlalchemy import orm


class Base(orm.DeclarativeBase):
    pass


class DatabaseTool(Base):
    __tablename__ = "tools"
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    name: orm.Mapped[str]


class DatabaseVersion(Base):
    __tablename__ = "versions"
    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    tool_id: orm.Mapped[int]
    name: orm.Mapped[str]
