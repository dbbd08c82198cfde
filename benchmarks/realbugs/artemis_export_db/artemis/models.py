import enum

from sqlalchemy import JSON, Boolean, Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class ReportGenerationTaskStatus(str, enum.Enum):
    PENDING = "pending"


class ReportGenerationTask(Base):
    __tablename__ = "report_generation_task"
    id = Column(Integer, primary_key=True)
    tag = Column(String)
    comment = Column(String)
    status = Column(String)
    skip_previously_exported = Column(Boolean)
    custom_template_arguments = Column(JSON)
    output_location = Column(String)
