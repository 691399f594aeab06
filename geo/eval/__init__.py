"""Measurement against gold annotations (bench and tests only; the pipeline never imports it)."""
