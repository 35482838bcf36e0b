"""Charts: one plotly Figure per statistic, named after it.

`charts.readability(framing.readability(corpus))` draws the table that
`framing.readability` returns; the notebooks, the dashboard and the HTML
reports all show these same figures. Every chart takes the tidy DataFrame of
its statistic (plus, where it helps, the corpus's documents table for outlet
names and titles) and returns a `plotly.graph_objects.Figure`.

Conventions shared by every chart here:

- Outlets keep one colour across charts: `outlet_colors` assigns a colour of a
  colour-blind-safe qualitative palette to each outlet id in sorted order.
  Pass `colors=outlet_colors(corpus.outlets["outlet_id"])` to keep colours
  stable when a chart shows only some of the corpus's outlets.
- Hover text shows the counts a value rests on, and a chart warns in a visible
  annotation (named `"warning"`) when its groups are too small for the
  comparison to mean much.
- Text that comes from articles or corpus files (titles, dropped lines, ids,
  names) is HTML-escaped before it reaches a label or hover text: plotly reads
  tags such as `<a>` and `<br>` in those strings, and an article is untrusted.
"""

from ._common import (
    HOVER_MAX_LINES, HOVER_TEXT_CHARS, MIN_WORDS, NO_OUTLET, NO_OUTLET_COLOR, ONE_PER_OUTLET_WARNING,
    OUTLET_PALETTE, READABILITY_METRICS, REASON_PALETTE, outlet_colors,
)
from .corpus import SENTENCE_POINTS, cleaning, lengths, readability, sentence_lengths
from .hedges import hedges
from .word_choice import KEYNESS_MEASURES, keyness, keyness_scatter, naming
from .voices import cue_classes, share_of_voice
from .frames import FRAME_VALUES, frame_profile, frame_profile_lead_body
from .coverage import COVERAGE_STATES, fact_coverage, similarity
from .reuse import reuse, reuse_passages
from .tone import MIN_SENTENCES, tone_profile
from .profile import leaning_comparison, leaning_map, leaning_profile

__all__ = [
    "outlet_colors", "readability", "lengths", "sentence_lengths", "SENTENCE_POINTS", "cleaning",
    "keyness", "keyness_scatter", "naming", "KEYNESS_MEASURES",
    "share_of_voice", "cue_classes",
    "reuse", "reuse_passages",
    "fact_coverage", "similarity", "COVERAGE_STATES",
    "frame_profile", "frame_profile_lead_body", "FRAME_VALUES", "hedges", "tone_profile", "MIN_SENTENCES",
    "OUTLET_PALETTE", "READABILITY_METRICS", "ONE_PER_OUTLET_WARNING", "MIN_WORDS",
    "HOVER_TEXT_CHARS", "HOVER_MAX_LINES", "NO_OUTLET", "NO_OUTLET_COLOR", "REASON_PALETTE",
    "leaning_profile", "leaning_comparison", "leaning_map",
]
