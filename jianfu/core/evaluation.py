"""Accuracy, precision and recall from confusion counts, for the labelled sets of the rule checks."""

from __future__ import annotations


class ConfusionRates:
    """Mixed into a frozen dataclass with integer fields tp, fp, fn, tn."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / max(1, self.tp + self.fp + self.fn + self.tn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
