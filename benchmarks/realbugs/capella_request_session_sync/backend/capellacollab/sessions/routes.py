"""Session routes of the Capella Collaboration Manager backend (FastAPI).

Reproduction of the shape fixed in https://github.com/DSD-DBS/capella-collab-manager/issues/2245
("Review all `async` routes": "We have too many synchronous and blocking calls in our async
functions"), here its first part, PR #2251, commit f35e7fa1c60b66dba140fb062449c45a3a9e8d26 ("perf:
Use async for blocking code in request_session"): the async route request_session calls the
synchronous SQLAlchemy helpers of other modules (tools_injectables.get_existing_tool /
get_existing_tool_version, projects_injectables.get_existing_project, crud.create_session /
update_session_config), util.raise_if_conflicting_sessions (lazy-loads user.sessions), the Kubernetes
operator's start_session and each hook's post_session_creation_hook on the event loop; util.py's
schedule_configuration_hooks calls each sync configuration_hook the same way. The fix wrapped each
call in asyncer.asyncify; the changed lines are marked.
"""
import typing as t

import fastapi
import pydantic
from sqlalchemy import orm

from capellacollab.core import database
from capellacollab.projects import injectables as projects_injectables
from capellacollab.sessions import crud, hooks as sessions_hooks, util
from capellacollab.sessions.operators import k8s
from capellacollab.tools import injectables as tools_injectables

router = fastapi.APIRouter()


class PostSessionRequest(pydantic.BaseModel):
    tool_id: int
    version_id: int
    session_type: str = "persistent"
    project_slug: str | None = None


def get_own_user(db: t.Annotated[orm.Session, fastapi.Depends(database.get_db)]):
    return db.info["user"]


@router.post("")
async def request_session(
    body: PostSessionRequest,
    user: t.Annotated[t.Any, fastapi.Depends(get_own_user)],
    db: t.Annotated[orm.Session, fastapi.Depends(database.get_db)],
    operator: t.Annotated[k8s.KubernetesOperator, fastapi.Depends(k8s.get_operator)],
):
    """Request a session."""
    tool = tools_injectables.get_existing_tool(body.tool_id, db)  # bug
    version = tools_injectables.get_existing_tool_version(  # bug
        tool.id, body.version_id, db
    )

    session_id = util.generate_id()

    util.raise_if_conflicting_sessions(tool, version, body.session_type, user)  # bug

    project_scope = None
    if body.project_slug:
        project_scope = projects_injectables.get_existing_project(  # bug
            body.project_slug, db
        )

    hook_config: dict[str, str] = {}
    hook_request = {"db": db, "user": user, "tool": tool, "session_id": session_id, "project_scope": project_scope}
    environment: dict[str, str] = {}
    for hook_result in await util.schedule_configuration_hooks(hook_request, tool):
        environment |= hook_result.get("environment", {})
        hook_config |= hook_result.get("config", {})

    session = operator.start_session(  # bug
        session_id=session_id,
        image=f"capella/{tool.name}:{version.name}",
        username=user.name,
        environment=environment,
    )

    db_session = crud.create_session(  # bug
        db,
        {"id": session_id, "tool": tool, "version": version, "owner": user, "created_at": session["created_at"]},
    )

    for hook in sessions_hooks.get_activated_integration_hooks(tool):
        result = hook.post_session_creation_hook(  # bug
            {"session_id": session_id, "operator": operator, "user": user, "session": session, "db": db}
        )
        hook_config |= result.get("config", {})

    crud.update_session_config(db, db_session, hook_config)  # bug

    return db_session
