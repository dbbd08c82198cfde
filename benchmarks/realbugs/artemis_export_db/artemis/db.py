"""Database access (synchronous SQLAlchemy session per call)."""

import functools
import json
import os
import shutil
from typing import Any, Dict, Optional

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from artemis.config import Config
from artemis.models import ReportGenerationTask, ReportGenerationTaskStatus


class DB:
    def __init__(self) -> None:
        self._engine = create_engine(
            Config.Data.POSTGRES_CONN_STR, json_serializer=functools.partial(json.dumps)
        )
        self.session = sessionmaker(bind=self._engine)

    def create_report_generation_task(
        self,
        tag: Optional[str],
        comment: Optional[str],
        skip_previously_exported: bool,
        custom_template_arguments: Dict[str, Any] = {},
    ) -> None:
        with self.session() as session:
            task = ReportGenerationTask(
                tag=tag,
                comment=comment,
                skip_previously_exported=skip_previously_exported,
                status=ReportGenerationTaskStatus.PENDING,
                custom_template_arguments=custom_template_arguments,
            )
            session.add(task)
            session.commit()

    def delete_report_generation_task(self, id: int) -> None:
        with self.session() as session:
            task = session.query(ReportGenerationTask).get(id)
            if task.output_location:
                output_location = "/opt/" + task.output_location
                if os.path.exists(output_location):
                    shutil.rmtree(output_location)
            session.delete(task)
            session.commit()
