"""Constants shared by the test modules."""

from analysis.project import config

ROOT = config.ROOT
SEED = config.DEFAULT_SEED
UNSEEN = config.FIXTURES / "unseen"
