"""Sentence-by-sentence translation with NLLB on ctranslate2 (see audio_processor.py)."""
import ctranslate2
import transformers

MODEL = "nllb-200-distilled-600M-ctranslate2"
SENTENCE_END = {".", "!", "?"}


class TranslationModel:
    def __init__(self, translator, tokenizer):
        self.translator = translator
        self.tokenizer = tokenizer


def load_model(source_lang: str) -> TranslationModel:
    translator = ctranslate2.Translator(MODEL, device="cpu")
    tokenizer = transformers.AutoTokenizer.from_pretrained(MODEL, src_lang=source_lang)
    return TranslationModel(translator, tokenizer)


class OnlineTranslation:
    def __init__(self, model: TranslationModel, source_lang: str, target_lang: str):
        self.model = model
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.pending = []
        self.done = []

    def insert_tokens(self, tokens):
        self.pending.extend(tokens)

    def _translate(self, tokens):
        tok = self.model.tokenizer
        source = tok.convert_ids_to_tokens(tok.encode(" ".join(t[2] for t in tokens)))
        result = self.model.translator.translate_batch([source], target_prefix=[[self.target_lang]])
        text = tok.decode(tok.convert_tokens_to_ids(result[0].hypotheses[0][1:]))
        return (tokens[0][0], tokens[-1][1], text)

    def process(self):
        """Translate every finished sentence in the buffer, then the unfinished rest."""
        start = 0
        for i, token in enumerate(self.pending):
            if token[2] in SENTENCE_END:
                self.done.append(self._translate(self.pending[start : i + 1]))
                start = i + 1
        self.pending = self.pending[start:]
        rest = [self._translate(self.pending)] if self.pending else []
        return self.done + rest
