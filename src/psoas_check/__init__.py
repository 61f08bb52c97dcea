"""psoas-check: a transparent, non-diagnostic self-check built on a psoas resource page.

The public API, in the order data flows::

    answers = parse_answers({"sitting_hours": "9"}).answers
    result = assess(answers)                # uses the shipped rules/ folder
    markdown = to_markdown(answers, result)

Nothing in this package imports Streamlit except :mod:`psoas_check.ui`.
"""

from .answers import FIELDS, Answers, FieldSpec, ParsedAnswers, format_value, parse_answers
from .assess import STATUSES, Assessment, assess
from .errors import AnswerError, InputError, PsoasCheckError, RuleProblem, RulesError
from .messages import NOTICE
from .rules import Rule, RuleSet, check_rules, default_rules, load_rules

__all__ = [
    "FIELDS",
    "NOTICE",
    "STATUSES",
    "AnswerError",
    "Answers",
    "Assessment",
    "FieldSpec",
    "InputError",
    "ParsedAnswers",
    "PsoasCheckError",
    "Rule",
    "RuleProblem",
    "RuleSet",
    "RulesError",
    "assess",
    "check_rules",
    "default_rules",
    "format_value",
    "load_rules",
    "parse_answers",
]
__version__ = "0.1.0"
