"""Registry of the open flows (reduced)."""


class FlowfileHandler:
    def __init__(self):
        self._flows = {}

    def register_flow(self, flow):
        self._flows[flow.flow_id] = flow
        return flow.flow_id

    def get_node(self, flow_id: int, node_id: int):
        return self._flows[flow_id].get_node(node_id)
