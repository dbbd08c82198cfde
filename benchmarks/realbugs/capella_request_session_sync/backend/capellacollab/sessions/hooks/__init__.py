"""Session integration hooks (stand-in): each hook has sync and async configuration hooks."""


class PersistentWorkspaceHook:
    def configuration_hook(self, request) -> dict:
        db = request["db"]
        db.commit()
        return {"environment": {"WORKSPACE_DIR": "/workspace"}}

    async def async_configuration_hook(self, request) -> dict:
        return {}

    def post_session_creation_hook(self, request) -> dict:
        request["db"].commit()
        return {"config": {"workspace": "/workspace"}}


def get_activated_integration_hooks(tool) -> list[PersistentWorkspaceHook]:
    return [PersistentWorkspaceHook()]
