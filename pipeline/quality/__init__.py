"""Quality: the gold scorer, the baseline and the benchmark."""
