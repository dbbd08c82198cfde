"""SQL implementation of the API server's database (synchronous SQLAlchemy sessions)
(reproduction, see ../../api/endpoints/functions.py)."""
from sqlalchemy.orm import Session

from mlrun.api.db.base import DBInterface
from mlrun.api.db.sqldb.models import BackgroundTask, Function, Schedule


class SQLDB(DBInterface):
    def __init__(self, dsn):
        self.dsn = dsn

    def get_function(self, session, name, project="", tag="", hash_key=""):
        query = self._query(session, Function, name=name, project=project)
        if hash_key:
            query = query.filter(Function.uid == hash_key)
        obj = query.one_or_none()
        return obj.body if obj else None

    def get_schedule(self, session: Session, project: str, name: str):
        schedule_record = self._query(session, Schedule, project=project, name=name).one_or_none()
        if not schedule_record:
            raise LookupError(f"Schedule not found: project={project}, name={name}")
        return schedule_record

    def store_background_task(self, session, project: str, name: str, state: str):
        session.add(BackgroundTask(name=name, project=project, state=state))
        session.commit()

    def _query(self, session, cls, **kw):
        kw = {k: v for k, v in kw.items() if v is not None}
        return session.query(cls).filter_by(**kw)
