"""Feature extractors run torch on the audio (see cut/set.py)."""
import torch


class FeatureExtractor:
    def extract(self, samples, sampling_rate: int):
        return torch.stft(torch.as_tensor(samples), n_fft=400, return_complex=True).abs()
