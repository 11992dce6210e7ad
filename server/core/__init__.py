"""The pure analysis core: no Flask, no torch, no database. Text in, Analysis out."""
from .analyze import AnalyzeOptions, analyze, analyze_many
from .types import Analysis, DraftScores, PersonalSpot, Placeholder, Scorer, SentenceResult

__all__ = [
    "Analysis", "AnalyzeOptions", "DraftScores", "PersonalSpot", "Placeholder", "Scorer", "SentenceResult",
    "analyze", "analyze_many",
]
