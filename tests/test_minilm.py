"""The plain-torch MiniLM gives what transformers' BertModel gives: same token ids, same embeddings."""
import numpy as np
import pytest

from server.inference import SentenceEncoder, base_model_dir

pytestmark = pytest.mark.real_model

SENTENCES = [
    "I hope this email finds you well.",
    "Hi Dana, the ferry leaves at 7:40 on Saturday!",
    "회의는 금요일입니다 🙂 and Ünïcödé ça marche",
    "مرحبا بك في الفريق",
    "a " * 300,  # past max_length: truncated the same way
    "",
    "[First Name], {{company}} %FNAME%",
]


@pytest.fixture(scope="module")
def reference():
    transformers = pytest.importorskip("transformers")
    d = str(base_model_dir())
    tok = transformers.BertTokenizerFast.from_pretrained(d, local_files_only=True)
    model = transformers.BertModel.from_pretrained(d, local_files_only=True, trust_remote_code=False,
                                                   use_safetensors=True).eval()
    return tok, model


def test_token_ids_match_transformers(reference):
    tok, _ = reference
    ours = SentenceEncoder(dtype="float32")
    assert ours.tokenize(SENTENCES) == tok(SENTENCES, truncation=True, max_length=128)["input_ids"]


def test_embeddings_match_transformers(reference):
    import torch

    tok, model = reference
    batch = tok(SENTENCES, padding=True, truncation=True, max_length=128, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    expected = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    ours = SentenceEncoder(dtype="float32").encode(SENTENCES)
    assert np.abs(ours - expected).max() < 1e-5
