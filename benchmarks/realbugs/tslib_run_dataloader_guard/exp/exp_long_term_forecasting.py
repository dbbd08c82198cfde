from data_provider.data_factory import data_provider


class Exp_Long_Term_Forecast:
    def __init__(self, args):
        self.args = args

    def _get_data(self, flag):
        return data_provider(self.args, flag)

    def train(self, setting):
        _train_data, train_loader = self._get_data(flag="train")
        total = 0
        for batch in train_loader:
            total += int(batch.sum())
        return total

    def test(self, setting):
        _test_data, test_loader = self._get_data(flag="test")
        return sum(int(batch.sum()) for batch in test_loader)
