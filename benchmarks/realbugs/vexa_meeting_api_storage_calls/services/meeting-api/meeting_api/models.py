"""ORM models (reproduction, see recordings.py)."""
from sqlalchemy import JSON, Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Meeting(Base):
    __tablename__ = "meetings"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, nullable=False)
    status = Column(String, nullable=False)
    data = Column(JSON, default=dict)


class MeetingSession(Base):
    __tablename__ = "meeting_sessions"
    id = Column(Integer, primary_key=True)
    meeting_id = Column(Integer, nullable=False)
    session_uid = Column(String, nullable=False)
