from server.auth import get_user_id


async def list_conversations(request):
    user_id = get_user_id(request)  # bug
    return {"user": user_id.strip()}
