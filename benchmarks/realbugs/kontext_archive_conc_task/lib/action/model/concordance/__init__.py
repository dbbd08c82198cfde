"""Concordance action model of a corpus query web app (Sanic).

Reproduction of the shape fixed in https://github.com/czcorpus/kontext/pull/6272 (commit 98f48e3,
"Fix task creation - must ensure the task is not garbage collected before it finishes"): the
archiving task is bound to a local and given a no-op done callback; neither keeps it alive after
the method returns (the loop holds tasks weakly). The fix used Sanic's app.add_task, which keeps
a reference.
"""
import asyncio
import logging
from typing import Dict, List, Optional, Tuple

import plugins


class ConcActionModel:
    def __init__(self, session: Dict, args) -> None:
        self._session = session
        self.args = args
        self._active_q_data = None
        self._auto_generated_conc_ops: List[Tuple[int, Dict]] = []

    def session_get(self, *path):
        value = self._session
        for key in path:
            value = value.get(key, {})
        return value

    def export_query_data(self) -> Tuple[bool, Dict]:
        return True, {"q": list(self.args.q)}

    async def _save_query_to_history(self, query_id: str, data: Dict) -> Optional[int]:
        return None

    async def _archive_conc(self, user_id, conc_id):
        with plugins.runtime.QUERY_PERSISTENCE as qp:
            try:
                await qp.archive(user_id, conc_id)
            except Exception as ex:
                logging.getLogger(__name__).error('Failed to archive concordance %s: %s', conc_id, ex)

    async def _store_conc_params(self) -> Tuple[List[str], Optional[int]]:
        with plugins.runtime.QUERY_PERSISTENCE as qp:
            use_history, curr_data = self.export_query_data()
            user_id = self.session_get('user', 'id')
            qp_store_id = await qp.store(user_id, curr_data=curr_data, prev_data=self._active_q_data)
            ans = [qp_store_id]

            # archive in the background, it may take a while
            task = asyncio.create_task(self._archive_conc(user_id, qp_store_id))  # bug
            task.add_done_callback(lambda r: None)  # meant to ensure completion

            history_ts = await self._save_query_to_history(ans[0], curr_data) if use_history else None
            for q_idx, op in self._auto_generated_conc_ops:
                prev = dict(id=ans[-1], q=self.args.q[:q_idx])
                curr = dict(q=self.args.q[:q_idx + 1], lastop_form=op)
                qp_store_id = await qp.store(user_id, curr_data=curr, prev_data=prev)
                task = asyncio.create_task(self._archive_conc(user_id, qp_store_id))  # bug
                task.add_done_callback(lambda r: None)
                ans.append(qp_store_id)
            return ans, history_ts
