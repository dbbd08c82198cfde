"""Database models (reproduction, see backend/api/findings.py)."""
from sqlalchemy import JSON, Column, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Finding(Base):
    __tablename__ = "findings"
    finding_id = Column(String, primary_key=True)
    severity = Column(String)
    description = Column(String)
    ai_enrichment = Column(JSON)

    def to_dict(self):
        return {
            "finding_id": self.finding_id,
            "severity": self.severity,
            "description": self.description,
            "ai_enrichment": self.ai_enrichment,
        }
