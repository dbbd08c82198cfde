async def get_user_id(request):
    return request.get("user")
