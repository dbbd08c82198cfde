"""Kubernetes operator (stand-in): synchronous kubernetes client calls."""
import datetime
import functools

import kubernetes.client
import kubernetes.config


class KubernetesOperator:
    def __init__(self):
        kubernetes.config.load_incluster_config()
        self.v1_core = kubernetes.client.CoreV1Api()
        self.v1_apps = kubernetes.client.AppsV1Api()
        self.namespace = "collab-sessions"

    def start_session(self, session_id: str, image: str, username: str, **kwargs) -> dict:
        deployment = kubernetes.client.V1Deployment(metadata=kubernetes.client.V1ObjectMeta(name=session_id))
        self.v1_apps.create_namespaced_deployment(self.namespace, deployment)
        service = kubernetes.client.V1Service(metadata=kubernetes.client.V1ObjectMeta(name=session_id))
        self.v1_core.create_namespaced_service(self.namespace, service)
        return {"id": session_id, "host": f"{session_id}.{self.namespace}", "port": 8080,
                "created_at": datetime.datetime.now(datetime.UTC)}


@functools.lru_cache
def get_operator() -> KubernetesOperator:
    return KubernetesOperator()
