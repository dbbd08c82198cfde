async def convert_to_response_dict(http_response, operation_model):
    body = await http_response.read()
    return {"status_code": http_response.status, "body": body, "model": operation_model}


class AioEndpoint:
    async def _do_get_response(self, http_response, operation_model):
        kwargs_to_emit = {"http_response": http_response}
        kwargs_to_emit["response_dict"] = convert_to_response_dict(  # bug
            http_response, operation_model
        )
        return kwargs_to_emit
