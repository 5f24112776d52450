"""PURE: the domain without Django — fact values, the fact base reader, questions, grading and
scheduling. Nothing here imports Django or the models (tests/core/test_purity.py proves it)."""
