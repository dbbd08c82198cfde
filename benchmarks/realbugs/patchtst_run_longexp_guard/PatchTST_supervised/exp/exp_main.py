import torch
import torch.nn as nn
from torch import optim

from data_provider.data_factory import data_provider
from exp.exp_basic import Exp_Basic


class Exp_Main(Exp_Basic):
    def __init__(self, args):
        super(Exp_Main, self).__init__(args)

    def _build_model(self):
        return nn.Linear(self.args.seq_len, self.args.pred_len)

    def _get_data(self, flag):
        data_set, data_loader = data_provider(self.args, flag)
        return data_set, data_loader

    def train(self, setting):
        train_data, train_loader = self._get_data(flag="train")
        model_optim = optim.Adam(self.model.parameters(), lr=1e-4)
        criterion = nn.MSELoss()
        for batch_x, batch_y in train_loader:
            model_optim.zero_grad()
            outputs = self.model(batch_x.float().to(self.device).transpose(1, 2))
            loss = criterion(outputs, batch_y.float().to(self.device).transpose(1, 2))
            loss.backward()
            model_optim.step()
        return self.model

    def test(self, setting, test=0):
        test_data, test_loader = self._get_data(flag="test")
        self.model.eval()
        with torch.no_grad():
            for batch_x, batch_y in test_loader:
                self.model(batch_x.float().to(self.device).transpose(1, 2))

    def predict(self, setting, load=False):
        pred_data, pred_loader = self._get_data(flag="pred")
        self.model.eval()
        with torch.no_grad():
            for batch_x, _ in pred_loader:
                self.model(batch_x.float().to(self.device).transpose(1, 2))
