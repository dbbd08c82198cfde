import concurrent.futures


class Memory:
    def search(self, query, filters):
        with concurrent.futures.ThreadPoolExecutor() as executor:  # bug
            future_memories = executor.submit(self._search_vector_store, query, filters)
            future_graph = executor.submit(self._search_graph, query, filters)
            return future_memories.result() + future_graph.result()

    def _search_vector_store(self, query, filters):
        return [query]

    def _search_graph(self, query, filters):
        return [filters]
