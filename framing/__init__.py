"""framing: how did different outlets cover the same event?

The analysis package behind the notebooks, the dashboard and the reports.
Every statistic takes a `Corpus` and returns a tidy pandas DataFrame; its chart
of the same name in `framing.charts` turns that DataFrame into a plotly Figure.
"""

__version__ = "0.1.0"

from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .builder import build, open_build, read_table
from .readability import readability, sentence_lengths
from .text import sentences, tokens
from .dfm import Dfm, FeatureOptions, dfm
from .keyness import SmallSampleWarning, keyness
from .naming import load_naming_lexicon, naming, naming_matches, naming_variants
from .kwic import kwic
from .frames import frame_indicators, frame_profile, frames, load_frame_lexicon
from .hedges import hedge_markers, hedges, load_hedge_lexicon
from .actors import actor_counts, actor_list, actors, load_actor_lexicon
from .quotes import cue_classes, load_speech_lexicon, quotes, share_of_voice
from .coverage import FactEdits, FactEditWarning, fact_coverage, fact_sentences, load_fact_edits
from .similarity import similarity, similarity_linkage, similarity_matrix, similarity_order
from .agencies import agencies, documents_with_agencies, load_agency_lexicon
from .reuse import reuse, reuse_share
from .profile import Correspondence, SmallTableWarning, correspondence, leaning_counts, leaning_evidence, leaning_map, leaning_profile, leaning_table
from .tone import load_negation_lexicon, load_polarity_lexicon, tone, tone_profile, tone_words
from .results import Results, open_results

__all__ = [
    "Corpus", "CorpusError", "CorpusWarning", "load_corpus", "build", "open_build", "read_table",
    "sentences", "tokens", "readability", "sentence_lengths", "__version__",
    "dfm", "Dfm", "FeatureOptions", "keyness", "SmallSampleWarning",
    "naming", "naming_matches", "naming_variants", "load_naming_lexicon", "kwic",
    "frames", "frame_profile", "frame_indicators", "load_frame_lexicon",
    "actors", "actor_list", "actor_counts", "load_actor_lexicon",
    "quotes", "share_of_voice", "cue_classes", "load_speech_lexicon",
    "hedges", "hedge_markers", "load_hedge_lexicon",
    "fact_coverage", "fact_sentences", "load_fact_edits", "FactEdits", "FactEditWarning",
    "similarity", "similarity_matrix", "similarity_order", "similarity_linkage",
    "reuse", "reuse_share", "agencies", "documents_with_agencies", "load_agency_lexicon",
    "tone", "tone_profile", "tone_words", "load_polarity_lexicon", "load_negation_lexicon",
    "leaning_profile", "leaning_evidence", "leaning_table", "leaning_counts", "leaning_map", "correspondence",
    "Correspondence", "SmallTableWarning", "open_results", "Results",
]
