"""Language identification: langdetect behind one small, deterministic function.

Only the document's own languages are loaded (12 ms instead of 0.3 s for all 55 profiles)
and the detector is seeded, so the same text always gets the same answer. Unrestricted,
langdetect calls ``ASSEMBLÉE`` English and ``RECOMMANDATION`` German; restricted to the
pair it can only choose between the two.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _factory(languages: tuple[str, ...]):
    from langdetect.detector_factory import DetectorFactory

    factory = DetectorFactory()
    profiles = resources.files("langdetect") / "profiles"
    texts = []
    for code in languages:
        path = profiles / code
        if not path.is_file():
            return None
        texts.append(path.read_text(encoding="utf-8"))
    factory.load_json_profile(texts)
    factory.set_seed(0)
    return factory


def probabilities(text: str, languages: tuple[str, ...]) -> dict[str, float]:
    """Probability of each language for ``text``; empty when nothing can be told."""
    return dict(_cached(text, tuple(sorted(languages))))


@lru_cache(maxsize=65536)
def _cached(text: str, languages: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory(languages)
    if factory is None:
        return ()
    detector = factory.create()
    detector.append(text.lower())  # the profiles are lower-case: 'RECOMMANDATION' reads as Dutch
    try:
        return tuple((item.lang, item.prob) for item in detector.get_probabilities())
    except LangDetectException:
        return ()
