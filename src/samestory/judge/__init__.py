"""Pair judgement: how alike two news reports are on the seven SemEval-2022 Task 8 dimensions, the probability
that they tell the same story, and the evidence (shared names, dates, aligned and unsupported sentences).

    compare(a, b) -> PairJudgement                 # articles or texts, from scratch
    judge_features(fa, fb, ...) -> PairJudgement   # stored features
    score_features(pairs) -> (n, 7) array          # batch scores, no evidence
"""

from samestory.judge.judgement import PairJudgement, compare, judge_features, score_features
from samestory.judge.model import DIMENSIONS

__all__ = ["DIMENSIONS", "PairJudgement", "compare", "judge_features", "score_features"]
